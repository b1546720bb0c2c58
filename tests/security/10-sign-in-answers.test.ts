import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Database } from "../../server/db/client";
import * as password from "../../server/auth/password";
import { authenticate, MAX_FAILED_ATTEMPTS, type SignInResult } from "../../server/auth/sign-in";
import { buildAuthOptions } from "../../server/auth/options";
import { parseEnv } from "../../server/env";
import { createStaff, setStaffDisabled } from "../../server/staff/staff.service";
import { AuthClient } from "../auth/next-auth-driver";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

// Counts scrypt checks: every answer must cost exactly one, whichever path it took.
vi.mock("../../server/auth/password", async (original) => {
  const real = await original<typeof import("../../server/auth/password")>();
  return { ...real, verifyPassword: vi.fn(real.verifyPassword) };
});

const GOOD = "the right passphrase";

describe(`finding 10: login answers reveal accounts (${engineUnderTest})`, () => {
  let database: Database;
  const checks = () => vi.mocked(password.verifyPassword).mock.calls.length;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    const root = await createStaff(database.db, null, { email: "root@example.com", name: "Root", role: "admin", password: GOOD });
    await createStaff(database.db, null, { email: "ann@example.com", name: "Ann", role: "marketer", password: GOOD });
    const dora = await createStaff(database.db, null, { email: "dora@example.com", name: "Dora", role: "marketer", password: GOOD });
    await setStaffDisabled(database.db, root, dora.id, true);
    vi.mocked(password.verifyPassword).mockClear();
  });

  /** The answer and how many password checks it cost. */
  async function attempt(email: string, pass: string): Promise<{ answer: SignInResult; checks: number }> {
    const before = checks();
    const answer = await authenticate(database.db, email, pass);
    return { answer, checks: checks() - before };
  }

  const INVALID = { answer: { ok: false, reason: "invalid" }, checks: 1 };

  it("unknown email, wrong password, disabled account, locked account: one answer, one password check each", async () => {
    expect(await attempt("nobody@example.com", "anything at all")).toEqual(INVALID);
    expect(await attempt("ann@example.com", "not the password")).toEqual(INVALID);
    expect(await attempt("dora@example.com", "not the password")).toEqual(INVALID);

    for (let i = 1; i <= MAX_FAILED_ATTEMPTS; i++) expect(await attempt("ann@example.com", `wrong ${i}`)).toEqual(INVALID);
    // Ann is locked now: wrong and right passwords alike get the generic answer, and the right one
    // is not evaluated (answering it differently would let a guesser go on through the lock).
    expect(await attempt("ann@example.com", "wrong again")).toEqual(INVALID);
    expect(await attempt("ann@example.com", GOOD)).toEqual(INVALID);
  });

  it("says 'disabled' only to someone who gave that account's right password", async () => {
    expect(await attempt("dora@example.com", GOOD)).toEqual({ answer: { ok: false, reason: "disabled" }, checks: 1 });
    expect(await attempt("ann@example.com", GOOD)).toMatchObject({ answer: { ok: true }, checks: 1 });
  });

  it("unknown emails leave nothing behind, however often they are tried", async () => {
    const before = await database.query(`SELECT id, failed_login_count, locked_until FROM staff ORDER BY id`);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS + 2; i++) expect(await attempt("nobody@example.com", `guess ${i}`)).toEqual(INVALID);
    expect(await database.query(`SELECT id, failed_login_count, locked_until FROM staff ORDER BY id`)).toEqual(before);
  });

  it("the browser sees the same error code for an unknown, a wrong, a disabled and a locked account", async () => {
    const options = buildAuthOptions(parseEnv({ NODE_ENV: "test", NEXTAUTH_SECRET: "s".repeat(40) }), async () => database);
    const codes: Record<string, string | null> = {};
    const client = new AuthClient(options);
    codes.unknown = await client.signIn("nobody@example.com", GOOD);
    codes.wrong = await client.signIn("ann@example.com", "not the password");
    codes.disabledWrong = await client.signIn("dora@example.com", "not the password");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await client.signIn("ann@example.com", `wrong ${i}`);
    codes.locked = await client.signIn("ann@example.com", GOOD);
    expect(codes).toEqual({ unknown: "invalid", wrong: "invalid", disabledWrong: "invalid", locked: "invalid" });
    expect(await client.signIn("dora@example.com", GOOD)).toBe("disabled");
  });

  it("measures the time of each kind of answer (reported, not asserted: timing is a benchmark)", async () => {
    const median = async (email: string, pass: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await authenticate(database.db, email, pass);
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[1]!;
    };
    const unknown = await median("nobody@example.com", "x");
    const disabled = await median("dora@example.com", "x");
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) await authenticate(database.db, "root@example.com", `wrong ${i}`);
    const locked = await median("root@example.com", GOOD);
    const wrong = await median("ann@example.com", "x");
    console.log(`finding 10 (median ms): unknown ${unknown.toFixed(0)}, wrong ${wrong.toFixed(0)}, disabled ${disabled.toFixed(0)}, locked ${locked.toFixed(0)}`);
    expect(Math.min(unknown, disabled, locked, wrong)).toBeGreaterThan(0);
  });
});
