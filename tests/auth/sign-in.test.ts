import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { authenticate, LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS } from "../../server/auth/sign-in";
import { createStaff } from "../../server/staff/staff.service";
import { listAudit } from "../../server/audit/audit.repo";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

describe(`sign-in and lockout (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    await createStaff(database.db, null, { email: "Ann@Example.com", name: "Ann", role: "marketer", password: "correct horse 1" });
  });

  it("accepts the right password with any email casing and records the sign-in", async () => {
    const result = await authenticate(database.db, "  ann@EXAMPLE.com ", "correct horse 1");
    expect(result).toMatchObject({ ok: true, staff: { email: "ann@example.com", role: "marketer", name: "Ann" } });
    const audit = await listAudit(database.db, { page: 1, pageSize: 10 });
    expect(audit.rows.map((r) => r.action)).toEqual(["auth.sign_in", "staff.create"]);
  });

  it("refuses a wrong password and an unknown email alike, and audits both", async () => {
    expect(await authenticate(database.db, "ann@example.com", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate(database.db, "nobody@example.com", "wrong")).toEqual({ ok: false, reason: "invalid" });
    const audit = await listAudit(database.db, { page: 1, pageSize: 10, action: "auth.sign_in_failed" });
    expect(audit.total).toBe(2);
    expect(audit.rows.map((r) => r.actorEmail).sort()).toEqual(["ann@example.com", "nobody@example.com"]);
  });

  it(`locks the account for ${LOCKOUT_MINUTES} minutes after ${MAX_FAILED_ATTEMPTS} failures, even for the right password`, async () => {
    const start = new Date("2026-01-01T10:00:00Z");
    for (let attempt = 1; attempt < MAX_FAILED_ATTEMPTS; attempt++) {
      expect(await authenticate(database.db, "ann@example.com", "wrong", start)).toEqual({ ok: false, reason: "invalid" });
    }
    // The fifth failure locks, but the answer stays the generic one (tests/security/10-*).
    expect(await authenticate(database.db, "ann@example.com", "wrong", start)).toEqual({ ok: false, reason: "invalid" });
    const [row] = await database.query<{ locked_until: Date | null }>(`SELECT locked_until FROM staff WHERE email = 'ann@example.com'`);
    expect(row?.locked_until).toEqual(new Date("2026-01-01T10:15:00Z"));

    const during = await authenticate(database.db, "ann@example.com", "correct horse 1", new Date("2026-01-01T10:14:59Z"));
    expect(during).toEqual({ ok: false, reason: "invalid" });

    const after = await authenticate(database.db, "ann@example.com", "correct horse 1", new Date("2026-01-01T10:15:01Z"));
    expect(after.ok).toBe(true);
    const locked = await listAudit(database.db, { page: 1, pageSize: 10, action: "auth.locked" });
    expect(locked.total).toBe(1);
  });

  it("a successful sign-in resets the failure count", async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) await authenticate(database.db, "ann@example.com", "wrong");
    expect((await authenticate(database.db, "ann@example.com", "correct horse 1")).ok).toBe(true);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) {
      expect(await authenticate(database.db, "ann@example.com", "wrong")).toEqual({ ok: false, reason: "invalid" });
    }
  });
});
