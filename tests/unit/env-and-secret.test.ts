import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env";
import { resolveAuthSecret, SECRET_FILE } from "../../server/auth/secret";
import { hashPassword, verifyPassword } from "../../server/auth/password";

describe("environment", () => {
  it("defaults to the embedded database in demo mode", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ STRATUM_DATA_DIR: ".data", demoMode: true, PORT: 3000, STRATUM_DEMO_CUSTOMERS: 5000 });
  });

  it("turns demo mode off with a DATABASE_URL unless asked for", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://x@h/db" }).demoMode).toBe(false);
    expect(parseEnv({ DATABASE_URL: "postgres://x@h/db", STRATUM_DEMO: "1" }).demoMode).toBe(true);
  });

  it("names every bad variable in one error", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://nope", PORT: "99999", STRATUM_ADMIN_PASSWORD: "short" })).toThrow(
      /DATABASE_URL: DATABASE_URL must start with postgres:\/\/[\s\S]*STRATUM_ADMIN_PASSWORD[\s\S]*PORT/,
    );
  });
});

describe("NEXTAUTH_SECRET", () => {
  const dataDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "stratum-secret-"));

  it("is required in production without demo mode", () => {
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://x@h/db", STRATUM_DATA_DIR: dataDir() });
    expect(() => resolveAuthSecret(env)).toThrow(/NEXTAUTH_SECRET is required in production/);
  });

  it("is generated once into the data folder in demo mode and reused", () => {
    const dir = dataDir();
    const env = parseEnv({ NODE_ENV: "production", STRATUM_DATA_DIR: dir });
    const first = resolveAuthSecret(env);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, SECRET_FILE)).mode & 0o077).toBe(0);
    expect(resolveAuthSecret(env)).toBe(first);
  });

  it("comes from the environment when set", () => {
    const env = parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "a".repeat(40), DATABASE_URL: "postgres://x@h/db" });
    expect(resolveAuthSecret(env)).toBe("a".repeat(40));
  });
});

describe("password hashing", () => {
  it("verifies the right password only, with a fresh salt each time", async () => {
    const a = await hashPassword("pässword 123");
    const b = await hashPassword("pässword 123");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("pässword 123", a)).toBe(true);
    expect(await verifyPassword("pässword 124", a)).toBe(false);
    expect(await verifyPassword("anything", "not-a-hash")).toBe(false);
  });
});
