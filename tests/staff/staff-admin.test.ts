import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

describe(`staff administration through the API (${engineUnderTest})`, () => {
  let database: Database;
  let admin: ReturnType<typeof createCaller>;
  let adminId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    const created = await createStaff(database.db, null, { email: "root@example.com", name: "Root", role: "admin", password: "root password 1" });
    adminId = created.id;
    admin = createCaller({ db: database.db, user: { id: created.id, email: created.email, name: created.name, role: "admin" } });
  });

  it("creates, lists, sorts, searches and pages staff", async () => {
    for (const [i, role] of (["marketer", "manager", "marketer"] as const).entries()) {
      await admin.staff.create({ email: `user${i}@example.com`, name: `User ${i}`, role, password: "long enough 1" });
    }
    const page1 = await admin.staff.list({ page: 1, pageSize: 2, sort: "email", direction: "asc" });
    expect(page1.total).toBe(4);
    expect(page1.rows.map((r) => r.email)).toEqual(["root@example.com", "user0@example.com"]);
    const page2 = await admin.staff.list({ page: 2, pageSize: 2, sort: "email", direction: "asc" });
    expect(page2.rows.map((r) => r.email)).toEqual(["user1@example.com", "user2@example.com"]);
    const search = await admin.staff.list({ search: "User 1" });
    expect(search.rows.map((r) => r.email)).toEqual(["user1@example.com"]);
    expect(Object.keys(page1.rows[0] ?? {})).not.toContain("passwordHash");
  });

  it("names the field on bad input and on a duplicate email, writing nothing", async () => {
    const bad = await admin.staff.create({ email: "not-an-email", name: "", role: "marketer", password: "short" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TRPCError);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect((bad as TRPCError).message).toMatch(/email/);
    expect((bad as TRPCError).message).toMatch(/password must be at least 12 characters/);

    await admin.staff.create({ email: "dup@example.com", name: "Dup", role: "marketer", password: "long enough 1" });
    const dup = await admin.staff.create({ email: "DUP@example.com", name: "Dup 2", role: "manager", password: "long enough 1" }).catch((e: unknown) => e);
    expect((dup as TRPCError).code).toBe("CONFLICT");
    expect((dup as TRPCError).message).toContain("dup@example.com");
    expect((await admin.staff.list({})).total).toBe(2);
  });

  it("changes roles and disables accounts, auditing each admin action", async () => {
    const user = await admin.staff.create({ email: "m@example.com", name: "M", role: "marketer", password: "long enough 1" });
    await admin.staff.setRole({ id: user.id, role: "manager" });
    await admin.staff.setDisabled({ id: user.id, disabled: true });
    const rows = (await admin.staff.list({ search: "m@example.com" })).rows;
    expect(rows[0]).toMatchObject({ role: "manager", disabled: true });
    const audit = await admin.audit.list({});
    expect(audit.rows.map((r) => `${r.action} ${r.target}`)).toEqual([
      "staff.disable m@example.com",
      "staff.role_change m@example.com",
      "staff.create m@example.com",
      "staff.create root@example.com",
    ]);
    expect(audit.rows[1]?.detail).toEqual({ from: "marketer", to: "manager" });
  });

  it("never leaves the workspace without an enabled admin, and refuses disabling yourself", async () => {
    const self = await admin.staff.setDisabled({ id: adminId, disabled: true }).catch((e: unknown) => e);
    expect((self as TRPCError).code).toBe("FORBIDDEN");
    const demote = await admin.staff.setRole({ id: adminId, role: "marketer" }).catch((e: unknown) => e);
    expect((demote as TRPCError).code).toBe("PRECONDITION_FAILED");
    expect((demote as TRPCError).message).toMatch(/admin must remain/);

    const second = await admin.staff.create({ email: "a2@example.com", name: "A2", role: "admin", password: "long enough 1" });
    await admin.staff.setRole({ id: adminId, role: "manager" });
    const list = await admin.staff.list({ sort: "email" });
    expect(list.rows.find((r) => r.id === adminId)?.role).toBe("manager");
    expect(list.rows.find((r) => r.id === second.id)?.role).toBe("admin");
  });

  it("unknown ids are reported as not found", async () => {
    const missing = await admin.staff.setRole({ id: "00000000-0000-4000-8000-000000000001", role: "admin" }).catch((e: unknown) => e);
    expect((missing as TRPCError).code).toBe("NOT_FOUND");
  });
});
