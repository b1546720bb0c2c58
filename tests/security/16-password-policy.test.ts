import { spawnSync } from "node:child_process";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { parseEnv } from "../../server/env";
import { passwordProblem } from "../../server/auth/password-policy";
import { buildAuthOptions } from "../../server/auth/options";
import { currentStaff, type SessionUser } from "../../server/auth/session";
import { authenticate } from "../../server/auth/sign-in";
import { createStaff } from "../../server/staff/staff.service";
import { DEMO_STAFF, ensureDemoStaff } from "../../server/staff/seed.service";
import { AuthClient } from "../auth/next-auth-driver";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

const failure = (call: Promise<unknown>) => call.then(() => null, (error: unknown) => error as TRPCError);

describe(`finding 16: password policy (${engineUnderTest})`, () => {
  let database: Database;
  let root: SessionUser;
  let admin: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    const created = await createStaff(database.db, null, { email: "root@example.com", name: "Root", role: "admin", password: "root has a passphrase" });
    root = { id: created.id, email: created.email, name: created.name, role: "admin" };
    admin = createCaller({ db: database.db, user: root });
  });

  it("one pure rule: at least 12 characters, not the email, not a well-known password", () => {
    expect(passwordProblem("elevenchars")).toBe("password must be at least 12 characters");
    expect(passwordProblem("twelve chars")).toBeNull();
    expect(passwordProblem("ann.lee@example.com", "Ann.Lee@example.com")).toBe("password must not be the email address");
    expect(passwordProblem("annabelle.lee", "annabelle.lee@example.com")).toBe("password must not be the email address");
    for (const common of ["password1234", "Password2024!", "P@ssw0rd2024", "qwertyuiop12", "123456789012", "aaaaaaaaaaaa", "adminadmin12", "welcome12345"]) {
      expect(passwordProblem(common), common).toMatch(/password is too common/);
    }
    expect(passwordProblem("short", undefined, "newPassword")).toBe("newPassword must be at least 12 characters");
  });

  it("staff creation (API and service) refuses each rule, naming the field", async () => {
    const cases: Array<[string, RegExp]> = [
      ["short pass", /password must be at least 12 characters/],
      ["new@example.com", /password must not be the email address/],
      ["Password2024!", /password is too common/],
    ];
    for (const [password, message] of cases) {
      const error = await failure(admin.staff.create({ email: "new@example.com", name: "New", role: "marketer", password }));
      expect(error?.code, password).toBe("BAD_REQUEST");
      expect(error?.message, password).toMatch(message);
      expect(error?.message).toMatch(/password/);
      // Seeds and scripts call the service directly: the same rule holds there.
      const direct = await createStaff(database.db, null, { email: "new@example.com", name: "New", role: "marketer", password }).then(() => null, (e: Error) => e);
      expect(direct?.message, password).toMatch(message);
    }
    expect((await admin.staff.list({})).total).toBe(1);
  });

  it("the published demo accounts still pass the policy", async () => {
    for (const account of DEMO_STAFF) expect(passwordProblem(account.password, account.email), account.email).toBeNull();
    expect(await ensureDemoStaff(database.db)).toHaveLength(DEMO_STAFF.length);
  });

  it("an admin-set password must be changed first: every other procedure refuses until it is", async () => {
    const password = "set by the admin 1";
    const made = await admin.staff.create({ email: "mia@example.com", name: "Mia", role: "marketer", password });
    expect(made.mustChangePassword).toBe(true);

    // What the session check hands the API for Mia, signed in through next-auth.
    const options = buildAuthOptions(parseEnv({ NODE_ENV: "test", NEXTAUTH_SECRET: "s".repeat(40) }), async () => database);
    const browser = new AuthClient(options);
    expect(await browser.signIn("mia@example.com", password)).toBeNull();
    const mia = await currentStaff(database, () => browser.session());
    expect(mia).toMatchObject({ id: made.id, mustChangePassword: true });
    const asMia = createCaller({ db: database.db, user: mia });

    const blocked = await failure(asMia.segments.list({}));
    expect(blocked?.code).toBe("FORBIDDEN");
    expect(blocked?.message).toMatch(/Change the password an administrator set for you first/);

    // The change itself: wrong current password, weak new one, then the right change.
    const wrong = await failure(asMia.staff.changePassword({ currentPassword: "not it at all", newPassword: "my own long phrase" }));
    expect(wrong).toMatchObject({ code: "BAD_REQUEST", message: "currentPassword is not your current password" });
    const weak = await failure(asMia.staff.changePassword({ currentPassword: password, newPassword: "Password2024!" }));
    expect(weak?.code).toBe("BAD_REQUEST");
    expect(weak?.message).toMatch(/newPassword is too common/);
    const same = await failure(asMia.staff.changePassword({ currentPassword: password, newPassword: password }));
    expect(same?.message).toBe("newPassword must differ from the current password");
    expect(await asMia.staff.changePassword({ currentPassword: password, newPassword: "my own long phrase" })).toEqual({ changed: true });

    // The change ended the session it was made in; the new password works, the old one does not.
    expect(await currentStaff(database, () => browser.session())).toBeNull();
    expect((await authenticate(database.db, "mia@example.com", password)).ok).toBe(false);
    const again = new AuthClient(options);
    expect(await again.signIn("mia@example.com", "my own long phrase")).toBeNull();
    const changed = await currentStaff(database, () => again.session());
    expect(changed).toMatchObject({ id: made.id, mustChangePassword: false });
    expect(await createCaller({ db: database.db, user: changed }).segments.list({})).toBeDefined();

    const audit = await admin.audit.list({});
    expect(audit.rows.map((r) => r.action)).toContain("staff.password_change");
  });

  it("every role may change its own password (account.self; the procedure takes no account id, so only its own)", async () => {
    for (const role of ["marketer", "manager", "admin"] as const) {
      const email = `${role}@example.com`;
      const made = await createStaff(database.db, null, { email, name: role, role, password: "the first passphrase" });
      const caller = createCaller({ db: database.db, user: { id: made.id, email, name: role, role } });
      expect(await caller.staff.changePassword({ currentPassword: "the first passphrase", newPassword: `${role} chose this one` })).toEqual({ changed: true });
      expect((await authenticate(database.db, email, `${role} chose this one`)).ok).toBe(true);
    }
  });

  it("NEXTAUTH_SECRET must be at least 32 characters, STRATUM_ADMIN_PASSWORD at least 12", () => {
    expect(() => parseEnv({ NEXTAUTH_SECRET: "x".repeat(31) })).toThrow(/NEXTAUTH_SECRET must be at least 32 characters/);
    expect(parseEnv({ NEXTAUTH_SECRET: "x".repeat(32) }).NEXTAUTH_SECRET).toHaveLength(32);
    expect(() => parseEnv({ STRATUM_ADMIN_PASSWORD: "elevenchars" })).toThrow(/STRATUM_ADMIN_PASSWORD must be at least 12 characters/);
  });

  it("scripts/staff.ts refuses a weak password before it opens the database, naming the flag", () => {
    const run = spawnSync(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/staff.ts", "create", "--email", "x@example.com", "--name", "X", "--role", "manager", "--password", "Password2024!"],
      { env: { ...process.env, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" } as unknown as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--password: password is too common/);
  });
});
