import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { auditLog, campaigns, campaignVariants, assignments, outcomes, customers, segmentMembers, segments } from "../../server/db/schema";
import { refreshFeatures } from "../../server/features/refresh";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { insertFixture } from "../features/fixture";

async function countFor(database: Database, table: string, customerId: number): Promise<number> {
  const rows = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE customer_id = $1`, [customerId]);
  return rows[0]?.n ?? -1;
}

describe(`customer erasure (${engineUnderTest})`, () => {
  let database: Database;
  let admin: ReturnType<typeof createCaller>;
  let marketer: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertFixture(database.db);
    await refreshFeatures(database.db);
    const a = await createStaff(database.db, null, { email: "admin@example.com", name: "Admin", role: "admin", password: "long enough 1" });
    const m = await createStaff(database.db, null, { email: "m@example.com", name: "Marketer", role: "marketer", password: "long enough 1" });
    admin = createCaller({ db: database.db, user: { id: a.id, email: a.email, name: a.name, role: "admin" } });
    marketer = createCaller({ db: database.db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
    const [segment] = await database.db.insert(segments).values({ name: "All", kind: "manual" }).returning();
    await database.db.insert(segmentMembers).values([{ segmentId: segment?.id ?? "", customerId: 1 }, { segmentId: segment?.id ?? "", customerId: 2 }]);
    const [campaign] = await database.db.insert(campaigns).values({ name: "Spring", goal: "first_purchase", channel: "email", salt: "s" }).returning();
    const [variant] = await database.db.insert(campaignVariants).values({ campaignId: campaign?.id ?? "", key: "a", name: "A" }).returning();
    for (const customerId of [1, 2]) {
      await database.db.insert(assignments).values({ campaignId: campaign?.id ?? "", customerId, variantId: variant?.id ?? null });
      await database.db.insert(outcomes).values({ campaignId: campaign?.id ?? "", customerId, variantId: variant?.id ?? null, converted: true });
    }
  });
  afterAll(async () => {
    await database.close();
  });

  it("is refused to a marketer and needs the external id typed back", async () => {
    const refused = await marketer.customers.erase({ id: 1, confirmExternalId: "cust-a" }).catch((e: unknown) => e);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
    const mismatch = await admin.customers.erase({ id: 1, confirmExternalId: "cust-b" }).catch((e: unknown) => e);
    expect((mismatch as TRPCError).code).toBe("BAD_REQUEST");
    expect((mismatch as TRPCError).message).toContain("confirmExternalId");
    expect(await countFor(database, "events", 1)).toBe(14);
  });

  it("deletes behaviour and derived rows, blanks personal data, keeps a tombstone and audits without PII", async () => {
    const result = await admin.customers.erase({ id: 1, confirmExternalId: "cust-a" });
    expect(result.deleted).toMatchObject({ events: 14, customer_features: 1, segment_members: 1, assignments: 1, outcomes: 1 });
    for (const table of ["events", "customer_features", "segment_members", "assignments", "outcomes", "customer_scores"]) {
      expect(await countFor(database, table, 1)).toBe(0);
    }
    // Other customers are untouched.
    expect(await countFor(database, "events", 2)).toBe(7);
    expect(await countFor(database, "segment_members", 2)).toBe(1);
    expect(await countFor(database, "assignments", 2)).toBe(1);

    const [tombstone] = await database.db.select().from(customers).where(eq(customers.id, 1));
    expect(tombstone?.externalId).toBe("cust-a");
    expect(tombstone?.erasedAt).toBeInstanceOf(Date);
    expect([tombstone?.displayName, tombstone?.email, tombstone?.phone, tombstone?.region, tombstone?.signupAt]).toEqual([null, null, null, null, null]);
    expect(tombstone?.attributes).toEqual({});

    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "customer.erase"));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.target).toBe("cust-a");
    const serialised = JSON.stringify(audits[0]);
    for (const secret of ["alice@example.com", "Alice", "13800001111", "Shanghai"]) expect(serialised).not.toContain(secret);

    // Gone from the browser; the profile shows the tombstone only.
    expect((await admin.customers.list({ search: "cust-a" })).total).toBe(0);
    const profile = await admin.customers.get({ id: 1 });
    expect(profile.customer.erasedAt).toBeInstanceOf(Date);
    expect(profile.customer.email).toBeNull();
    expect(profile.features).toBeNull();
  });

  it("refuses a second erasure and a refresh does not bring features back", async () => {
    const again = await admin.customers.erase({ id: 1, confirmExternalId: "cust-a" }).catch((e: unknown) => e);
    expect((again as TRPCError).code).toBe("CONFLICT");
    await refreshFeatures(database.db);
    expect(await countFor(database, "customer_features", 1)).toBe(0);
  });

  it("rolls everything back when a step fails", async () => {
    // Make the audit insert fail inside the erase transaction by breaking the audit table for a moment.
    await database.db.execute(sql`ALTER TABLE audit_log ADD CONSTRAINT no_erase CHECK (action <> 'customer.erase') NOT VALID`);
    const failed = await admin.customers.erase({ id: 2, confirmExternalId: "cust-b" }).catch((e: unknown) => e);
    await database.db.execute(sql`ALTER TABLE audit_log DROP CONSTRAINT no_erase`);
    expect(failed).toBeInstanceOf(Error);
    expect(await countFor(database, "events", 2)).toBe(7);
    expect(await countFor(database, "customer_features", 2)).toBe(1);
    const [still] = await database.db.select().from(customers).where(eq(customers.id, 2));
    expect(still?.email).toBe("bob@example.com");
    expect(still?.erasedAt).toBeNull();
  });
});
