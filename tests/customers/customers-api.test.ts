import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { customerScores, modelRuns, segmentMembers, segments } from "../../server/db/schema";
import { refreshFeatures } from "../../server/features/refresh";
import { scoreSentiment } from "../../server/features/sentiment";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { insertFixture } from "../features/fixture";

describe(`customer browser and profile through the API (${engineUnderTest})`, () => {
  let database: Database;
  let admin: ReturnType<typeof createCaller>;
  let marketer: ReturnType<typeof createCaller>;
  let segmentId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertFixture(database.db);
    await refreshFeatures(database.db);
    const a = await createStaff(database.db, null, { email: "admin@example.com", name: "Admin", role: "admin", password: "long enough 1" });
    const m = await createStaff(database.db, null, { email: "m@example.com", name: "Marketer", role: "marketer", password: "long enough 1" });
    admin = createCaller({ db: database.db, user: { id: a.id, email: a.email, name: a.name, role: "admin" } });
    marketer = createCaller({ db: database.db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
    const [segment] = await database.db.insert(segments).values({ name: "Buyers", kind: "manual" }).returning();
    segmentId = segment?.id ?? "";
    await database.db.insert(segmentMembers).values([{ segmentId, customerId: 1 }, { segmentId, customerId: 6 }]);
  });
  afterAll(async () => {
    await database.close();
  });

  it("lists customers not erased, sorted and paged, with masked names for a marketer", async () => {
    const page1 = await marketer.customers.list({ page: 1, pageSize: 2, sort: "externalId", direction: "asc" });
    expect(page1.total).toBe(5);
    expect(page1.rows.map((r) => r.externalId)).toEqual(["cust-a", "cust-b"]);
    expect(page1.rows[0]?.displayName).toBe("A******");
    expect(page1.rows[0]?.email).toBe("a***@example.com");
    expect(page1.rows[0]?.phone).toBe("138******11");
    const page3 = await marketer.customers.list({ page: 3, pageSize: 2, sort: "externalId", direction: "asc" });
    expect(page3.rows.map((r) => r.externalId)).toEqual(["cust-f"]);
    const asAdmin = await admin.customers.list({ pageSize: 1 });
    expect(asAdmin.rows[0]?.displayName).toBe("Alice Wang");
    expect(asAdmin.rows[0]?.email).toBe("alice@example.com");
  });

  it("searches by external id prefix and filters by attributes, RFM and segment", async () => {
    expect((await marketer.customers.list({ search: "cust-" })).total).toBe(5);
    expect((await marketer.customers.list({ search: "cust-b" })).rows.map((r) => r.externalId)).toEqual(["cust-b"]);
    expect((await marketer.customers.list({ search: "ust" })).total).toBe(0);
    expect((await marketer.customers.list({ search: "cust_" })).total).toBe(0);
    const shanghai = await marketer.customers.list({ region: "Shanghai" });
    expect(shanghai.rows.map((r) => r.externalId)).toEqual(["cust-a", "cust-e"]);
    expect((await marketer.customers.list({ region: "Shanghai", channel: "search", consent: true })).rows.map((r) => r.externalId)).toEqual(["cust-a"]);
    expect((await marketer.customers.list({ cityTier: 2 })).rows.map((r) => r.externalId)).toEqual(["cust-c"]);
    expect((await marketer.customers.list({ rScore: 4 })).rows.map((r) => r.externalId)).toEqual(["cust-a", "cust-f"]);
    expect((await marketer.customers.list({ segmentId })).rows.map((r) => r.externalId)).toEqual(["cust-a", "cust-f"]);
  });

  it("sorts by feature columns and RFM", async () => {
    const byMonetary = await marketer.customers.list({ sort: "monetaryCents", direction: "desc" });
    expect(byMonetary.rows.map((r) => [r.externalId, r.monetaryCents])).toEqual([
      ["cust-e", 20000],
      ["cust-f", 10000],
      ["cust-b", 9000],
      ["cust-a", 8000],
      ["cust-c", 0],
    ]);
    const byRecency = await marketer.customers.list({ sort: "recencyDays", direction: "asc" });
    // Sorting by a nullable feature lists the customers that have a value (C never bought).
    expect(byRecency.rows.map((r) => r.externalId)).toEqual(["cust-e", "cust-a", "cust-f", "cust-b"]);
    expect(byRecency.total).toBe(4);
    const byRfm = await marketer.customers.list({ sort: "rfm", direction: "desc" });
    expect(byRfm.rows.map((r) => [r.externalId, r.rScore, r.fScore, r.mScore])).toEqual([
      ["cust-e", 5, 3, 5],
      ["cust-a", 4, 4, 2],
      ["cust-f", 4, 3, 4],
      ["cust-b", 2, 5, 3],
    ]);
  });

  it("offers filter choices and reports risk only when an active churn model exists", async () => {
    const options = await marketer.customers.filters();
    expect(options.region).toEqual(["Beijing", "Chengdu", "Shanghai", "Shenzhen"]);
    expect(options.cityTier).toEqual([1, 2]);
    expect(options.segments.map((s) => s.name)).toEqual(["Buyers"]);
    expect(options.hasRiskModel).toBe(false);
    expect((await marketer.customers.list({ risk: "high" })).total).toBe(0);
    expect((await marketer.customers.list({ sort: "risk" })).total).toBe(0);

    const [run] = await database.db.insert(modelRuns).values({ task: "churn", algorithm: "logistic", version: 1, status: "succeeded", isActive: true, activatedAt: new Date() }).returning();
    await database.db.insert(customerScores).values([
      { modelRunId: run?.id ?? "", customerId: 1, score: 0.9 },
      { modelRunId: run?.id ?? "", customerId: 2, score: 0.5 },
      { modelRunId: run?.id ?? "", customerId: 3, score: 0.1 },
    ]);
    const high = await marketer.customers.list({ risk: "high" });
    expect(high.hasRiskModel).toBe(true);
    expect(high.rows.map((r) => [r.externalId, r.risk])).toEqual([["cust-a", expect.closeTo(0.9, 5)]]);
    const byRisk = await marketer.customers.list({ sort: "risk", direction: "asc" });
    expect(byRisk.rows.map((r) => r.externalId)).toEqual(["cust-c", "cust-b", "cust-a"]);
    expect(byRisk.total).toBe(3);
    const mixed = await marketer.customers.list({ risk: "medium", region: "Beijing", sort: "monetaryCents" });
    expect(mixed.rows.map((r) => r.externalId)).toEqual(["cust-b"]);
    expect(mixed.total).toBe(1);
  });

  it("the profile masks personal data for a marketer and shows it to an admin", async () => {
    const forMarketer = await marketer.customers.get({ id: 1 });
    expect(forMarketer.customer.email).toBe("a***@example.com");
    expect(forMarketer.customer.displayName).toBe("A******");
    expect(forMarketer.customer.phone).toBe("138******11");
    expect(forMarketer.customer.piiMasked).toBe(true);
    // Nothing unmasked anywhere in what is sent to the browser.
    const serialised = JSON.stringify(forMarketer);
    for (const secret of ["alice@example.com", "Alice Wang", "13800001111"]) expect(serialised).not.toContain(secret);

    const forAdmin = await admin.customers.get({ id: 1 });
    expect(forAdmin.customer.email).toBe("alice@example.com");
    expect(forAdmin.customer.displayName).toBe("Alice Wang");
    expect(forAdmin.customer.piiMasked).toBe(false);
  });

  it("the profile carries features, percentiles, activity, purchases, learning, reviews, segments and scores", async () => {
    const profile = await marketer.customers.get({ id: 1 });
    expect(profile.features?.frequency).toBe(2);
    // Frequency among the 5 feature rows: 0,3,1,1 and A's 2 -> 3 below, no other tie: (3 + 0.5) / 5.
    expect(profile.percentiles.frequency).toBeCloseTo(3.5 / 5, 6);
    // Average order among the 3 one-off buyers: F 10000 < A 14000 < E 20000 -> (1 + 0.5) / 3.
    expect(profile.percentiles.avgOrderCents).toBeCloseTo(0.5, 6);
    // All of A's events fall in the 26 weeks up to the last one: 4 sessions, 3 progress events.
    expect(profile.activity.reduce((sum, week) => sum + week.sessions, 0)).toBe(4);
    expect(profile.activity.reduce((sum, week) => sum + week.learning, 0)).toBe(3);
    expect(profile.activity.reduce((sum, week) => sum + week.purchases, 0)).toBe(2);
    expect(profile.activity[0]?.day).toBe("2025-01-06");
    expect(profile.purchases.map((p) => [p.titleEn, p.amountCents, p.coupon, p.refunded])).toEqual([
      ["Data course", 8000, "X", false],
      ["Design course", 20000, null, true],
    ]);
    expect(profile.learning.map((l) => [l.titleEn, l.progress])).toEqual([
      ["Data course", expect.closeTo(0.6, 5)],
      ["Design course", expect.closeTo(0.2, 5)],
    ]);
    expect(profile.reviews[0]?.sentiment?.label).toBe("positive");
    expect(profile.reviews[0]?.sentiment?.score).toBeCloseTo(scoreSentiment("很好，推荐").score, 6);
    expect(profile.segments.map((s) => s.name)).toEqual(["Buyers"]);
    expect(profile.scores.map((s) => [s.task, s.score])).toEqual([["churn", expect.closeTo(0.9, 5)]]);

    const empty = await marketer.customers.get({ id: 3 });
    expect(empty.activity).toEqual([]);
    expect(empty.purchases).toEqual([]);
    expect(empty.segments).toEqual([]);
    expect(empty.percentiles.recencyDays).toBeNull();
  });

  it("pages the event timeline newest first", async () => {
    const first = await marketer.customers.timeline({ id: 1, page: 1, pageSize: 5 });
    expect(first.total).toBe(14);
    expect(first.rows.map((r) => r.type)).toEqual(["rate", "session", "progress", "purchase", "click"]);
    const last = await marketer.customers.timeline({ id: 1, page: 3, pageSize: 5 });
    expect(last.rows.map((r) => r.type)).toEqual(["progress", "refund", "purchase", "session"]);
  });

  it("reports bad input and unknown customers naming the field", async () => {
    const missing = await marketer.customers.get({ id: 999 }).catch((e: unknown) => e);
    expect((missing as TRPCError).code).toBe("NOT_FOUND");
    expect((missing as TRPCError).message).toContain("999");
    const bad = await marketer.customers.list({ pageSize: 1000 }).catch((e: unknown) => e);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect((bad as TRPCError).message).toContain("pageSize");
    const deep = await marketer.customers.list({ page: 401, pageSize: 25 }).catch((e: unknown) => e);
    expect((deep as TRPCError).code).toBe("BAD_REQUEST");
    expect((deep as TRPCError).message).toContain("first 10000 customers");
  });
});
