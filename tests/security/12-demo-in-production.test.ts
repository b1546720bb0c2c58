import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env";
import { resolveAuthSecret } from "../../server/auth/secret";

const SERVER_DB = "postgres://stratum@127.0.0.1:1/nowhere";

describe("finding 12: demo mode in production", () => {
  it("refuses demo mode with NODE_ENV=production and a DATABASE_URL, naming the variable and the override", () => {
    expect(() => parseEnv({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, STRATUM_DEMO: "1" })).toThrow(
      /STRATUM_DEMO: demo mode is refused with NODE_ENV=production and a DATABASE_URL[\s\S]*STRATUM_ALLOW_DEMO_IN_PRODUCTION=1/,
    );
  });

  it("allows it only with the explicit override, and leaves the other demo set-ups as they were", () => {
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, STRATUM_DEMO: "1", STRATUM_ALLOW_DEMO_IN_PRODUCTION: "1" }).demoMode).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", DATABASE_URL: SERVER_DB }).demoMode).toBe(false);
    expect(parseEnv({ NODE_ENV: "production" }).demoMode).toBe(true); // embedded PGlite demo
    expect(parseEnv({ NODE_ENV: "development", DATABASE_URL: SERVER_DB, STRATUM_DEMO: "1" }).demoMode).toBe(true);
  });

  it("the missing-secret error says how to make a secret and no longer suggests demo mode", () => {
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: SERVER_DB, STRATUM_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "stratum-12-")) });
    let message = "";
    try {
      resolveAuthSecret(env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/NEXTAUTH_SECRET is required in production/);
    expect(message).toMatch(/openssl rand -base64 32/);
    expect(message).not.toMatch(/STRATUM_DEMO|demo/i);
  });

  it("`npm start` (a production server) refuses before it touches the database, even with NODE_ENV unset", () => {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: SERVER_DB, STRATUM_DEMO: "1", NEXTAUTH_SECRET: "s".repeat(40) };
    delete env.NODE_ENV;
    delete env.STRATUM_ALLOW_DEMO_IN_PRODUCTION;
    const run = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { env: env as unknown as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/STRATUM_DEMO: demo mode is refused/);
    expect(run.stdout).not.toMatch(/Database:/);
  });
});
