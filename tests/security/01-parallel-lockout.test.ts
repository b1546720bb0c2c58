import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { authenticate, MAX_FAILED_ATTEMPTS } from "../../server/auth/sign-in";
import { createStaff } from "../../server/staff/staff.service";
import { listAudit } from "../../server/audit/audit.repo";
import { engineUnderTest, openTestDatabase } from "../support/db";

describe(`finding 01: parallel wrong passwords bypass the lockout (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await createStaff(database.db, null, { email: "bob@example.com", name: "Bob", role: "admin", password: "correct horse 2" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("checks at most five of 50 simultaneous wrong passwords, then holds the lock even for the right one", async () => {
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 50 }, () => authenticate(database.db, "bob@example.com", "wrong", now)));
    const checked = await listAudit(database.db, { page: 1, pageSize: 100, action: "auth.sign_in_failed" });
    const wrongPasswordChecks = checked.rows.filter((r) => (r.detail as { reason?: string } | null)?.reason === "wrong_password").length;
    const locks = await listAudit(database.db, { page: 1, pageSize: 100, action: "auth.locked" });
    console.log(`finding 01: 50 concurrent wrong guesses → ${wrongPasswordChecks + locks.total} evaluated, ${locks.total} lock`);
    expect(wrongPasswordChecks + locks.total).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
    expect(locks.total).toBe(1);
    // Every guess gets the same answer (finding 10): the lock is not announced to a guesser.
    expect(results.every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    const [row] = await database.query<{ locked_until: Date | null }>(`SELECT locked_until FROM staff WHERE email = 'bob@example.com'`);
    expect(row?.locked_until?.getTime()).toBeGreaterThan(now.getTime());
    expect(await authenticate(database.db, "bob@example.com", "correct horse 2", new Date(now.getTime() + 60_000))).toEqual({ ok: false, reason: "invalid" });
  });
});
