import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { customerScores, events, modelRuns, segmentMembers, segments } from "../../server/db/schema";
import { refreshKpiRollups } from "../../server/kpi/rollup";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { A, B, insertKpiFixture } from "./fixture";

type Caller = ReturnType<typeof createCaller>;
const filters = { from: "2026-03-01", to: "2026-03-10" };

async function refusal(call: Promise<unknown>): Promise<{ code: string; field: string | undefined }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, field: (error.cause as { field?: string } | undefined)?.field };
    throw error;
  }
  throw new Error("expected the call to be refused");
}

describe(`KPI API: churn warning, win-back, recommendations, course insights (${engineUnderTest})`, () => {
  let database: Database;
  let manager: Caller;
  let marketer: Caller;
  let admin: Caller;

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertKpiFixture(database.db);
    await refreshKpiRollups(database.db);
    const mk = await createStaff(database.db, null, { email: "mk@example.com", name: "Marketer", role: "marketer", password: "long enough 1" });
    const mg = await createStaff(database.db, null, { email: "mg@example.com", name: "Manager", role: "manager", password: "long enough 1" });
    const ad = await createStaff(database.db, null, { email: "ad@example.com", name: "Admin", role: "admin", password: "long enough 1" });
    marketer = createCaller({ db: database.db, user: { id: mk.id, email: mk.email, name: mk.name, role: "marketer" } });
    manager = createCaller({ db: database.db, user: { id: mg.id, email: mg.email, name: mg.name, role: "manager" } });
    admin = createCaller({ db: database.db, user: { id: ad.id, email: ad.email, name: ad.name, role: "admin" } });
  });
  afterAll(async () => {
    await database.close();
  });

  it("shows the empty state when no churn model is active, and refuses a win-back list", async () => {
    const result = await manager.kpi.churn({ filters });
    expect(result.run).toBeNull();
    expect(result.rows).toEqual([]);
    expect(await refusal(manager.kpi.buildWinback({ filters, size: 2, name: "Win-back" }))).toMatchObject({ code: "PRECONDITION_FAILED", field: "size" });
  });

  it("lists the riskiest customers with reasons and value at stake, masked for non-admins", async () => {
    const [run] = await database.db
      .insert(modelRuns)
      .values({ task: "churn", algorithm: "logistic", version: 3, status: "succeeded", isActive: true, activatedAt: new Date(), artifact: { kind: "classifier", algorithm: "logistic", features: ["recency_days"], mean: [0], scale: [1], threshold: 0.6, model: {} } })
      .returning();
    const reasons = (feature: string) => ({ reasons: [{ feature, contribution: 0.8 }, { feature: "sessions_30d", contribution: -0.2 }] });
    await database.db.insert(customerScores).values([
      { modelRunId: run!.id, customerId: 1, score: 0.2, detail: reasons("recency_days") },
      { modelRunId: run!.id, customerId: 2, score: 0.9, detail: reasons("refund_rate") },
      { modelRunId: run!.id, customerId: 3, score: 0.7, detail: reasons("days_since_learning") },
      { modelRunId: run!.id, customerId: 4, score: 0.65, detail: { unexpected: true } },
    ]);
    const result = await manager.kpi.churn({ filters });
    expect(result.run?.threshold).toBe(0.6);
    expect(result.rows.map((r) => r.customerId)).toEqual([2, 3, 4, 1]);
    // Value at stake: net revenue over the 12 months to 2026-03: c2 bought and refunded B (0), c3 renewed for 3000.
    expect(result.rows.map((r) => r.valueCents)).toEqual([0, 3000, 3000, 10000]);
    expect(result.rows[0]?.reasons).toEqual([{ feature: "refund_rate", contribution: 0.8 }]);
    expect(result.rows[2]?.reasons).toEqual([]);
    expect(result.rows[0]?.displayName).toBe("B****");
    expect((await admin.kpi.churn({ filters })).rows[0]?.displayName).toBe("Bo Li");
    expect(result.atRisk).toEqual({ count: 3, valueCents: 6000 });
    expect(result.total).toBe(4);
    const ads = await manager.kpi.churn({ filters: { ...filters, channel: "ads" } });
    expect(ads.rows.map((r) => r.customerId)).toEqual([3, 1]);
  });

  it("a manager builds a win-back segment of the riskiest customers; a marketer may not", async () => {
    expect((await refusal(marketer.kpi.buildWinback({ filters, size: 2, name: "Win-back" }))).code).toBe("FORBIDDEN");
    const built = await manager.kpi.buildWinback({ filters, size: 2, name: "Win-back March" });
    expect(built.size).toBe(2);
    const [segment] = await database.db.select().from(segments).where(eq(segments.id, built.id));
    expect(segment?.kind).toBe("manual");
    expect(segment?.definition).toEqual({ kind: "manual", customerIds: [2, 3] });
    const members = await database.db.select().from(segmentMembers).where(eq(segmentMembers.segmentId, built.id));
    expect(members.map((m) => m.customerId).sort()).toEqual([2, 3]);
    expect(await refusal(manager.kpi.buildWinback({ filters, size: 2, name: "Win-back March" }))).toMatchObject({ code: "CONFLICT", field: "name" });
    expect(await refusal(manager.kpi.buildWinback({ filters, size: 0, name: "x" }))).toMatchObject({ code: "BAD_REQUEST" });
    // The new segment filters the overview at once.
    const cards = await manager.kpi.cards({ ...filters, segmentId: built.id });
    expect(cards.cards.find((c) => c.key === "gmv")?.value).toBe(8000);
  });

  it("recommends the next course from the active baskets rules and the learners' path", async () => {
    await database.db.insert(modelRuns).values({
      task: "baskets",
      algorithm: "fpgrowth",
      version: 1,
      status: "succeeded",
      isActive: true,
      activatedAt: new Date(),
      artifact: { kind: "baskets", basketCount: 10, minSupport: 0.01, minConfidence: 0.1, maxLength: 3, rules: [{ antecedent: [A], consequent: [B], support: 0.2, confidence: 0.8, lift: 3 }] },
    });
    const result = await marketer.kpi.recommendations({ customerIds: [1, 4] });
    const c1 = result.customers.find((c) => c.customerId === 1)!;
    expect(c1.items[0]).toMatchObject({ productId: B, reason: { kind: "rule", because: [A] } });
    expect(c1.items.map((i) => i.productId)).not.toContain(A);
    expect(c1.path[0]?.productId).toBe(B);
    expect(await refusal(marketer.kpi.recommendations({ customerIds: [] }))).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("course insights: coupon against full-price conversion, completion, drop-off, ratings and complaint words", async () => {
    await database.db.insert(events).values({ source: "fixture", externalEventId: "rate-1", customerId: 1, type: "rate", productId: A, occurredAt: new Date("2026-03-06T10:00:00Z"), rating: 2, reviewText: "Too shallow, a waste of money" });
    const table = await manager.kpi.courses(filters);
    expect(table.find((r) => r.productId === B)).toMatchObject({ buyers: 1, purchases: 1, refunds: 1, refundRate: 1 });
    const detail = await manager.kpi.course({ filters, productId: A });
    const overall = detail.conversion.find((c) => c.segmentId === null)!;
    // Viewers of A: c1 and c4; c1 bought with a coupon.
    expect(overall).toMatchObject({ viewers: 2, buyers: 1, coupon: 1, fullPrice: 0, couponConversion: 0.5, fullPriceConversion: 0 });
    expect(detail.completionRate).toBe(1);
    expect(detail.trend).toEqual([{ month: "2026-03", ratings: 1, rating: 2, sentiment: expect.any(Number) }]);
    expect(detail.trend[0]!.sentiment!).toBeLessThan(0);
    expect(detail.complaints.map((c) => c.word)).toEqual(["shallow", "waste of money"]);
    expect(await refusal(manager.kpi.course({ filters, productId: 999 }))).toMatchObject({ code: "NOT_FOUND", field: "productId" });
  });

  it("filter options list segments, channels and the rolled-up span", async () => {
    const options = await marketer.kpi.options();
    expect(options.channels).toEqual(["ads", "organic"]);
    expect(options.firstDay).toBe("2026-02-10");
    expect(options.lastDay).toBe("2026-03-09");
    expect(options.segments.map((s) => s.name)).toContain("Win-back March");
    const [row] = await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM kpi_rollup_state`);
    expect(row?.n).toBe(1);
  });
});
