import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { customerFeatures, jobs } from "../../server/db/schema";
import { quintileScores } from "../../server/features/quintiles";
import { refreshFeaturesJob } from "../../server/features/refresh.job";
import { refreshFeatures } from "../../server/features/refresh";
import { scoreSentiment } from "../../server/features/sentiment";
import { drainJobs, enqueueJob, getJob } from "../../server/jobs/queue";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { AS_OF, insertFixture } from "./fixture";

type FeatureRow = typeof customerFeatures.$inferSelect;

describe(`feature refresh on a hand-computed fixture (${engineUnderTest})`, () => {
  let database: Database;
  let rows: Map<number, FeatureRow>;
  const progress: number[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertFixture(database.db);
    const summary = await refreshFeatures(database.db, (fraction) => {
      progress.push(fraction);
    });
    expect(summary.customers).toBe(5);
    expect(summary.asOf).toBe(AS_OF.toISOString());
    const all = await database.db.select().from(customerFeatures);
    rows = new Map(all.map((row) => [row.customerId, row]));
  });
  afterAll(async () => {
    await database.close();
  });

  function row(id: number): FeatureRow {
    const found = rows.get(id);
    if (!found) throw new Error(`no feature row for customer ${id}`);
    return found;
  }

  it("writes one row per customer not erased, as of the latest event", () => {
    expect([...rows.keys()].sort()).toEqual([1, 2, 3, 5, 6]);
    for (const r of rows.values()) expect(r.asOf.toISOString()).toBe(AS_OF.toISOString());
    expect(progress.at(-1)).toBe(1);
  });

  it("customer A: recency, frequency, monetary net of refunds, tenure, sessions and minutes", () => {
    const a = row(1);
    expect(a.recencyDays).toBeCloseTo(10, 5);
    expect(a.frequency).toBe(2);
    expect(a.monetaryCents).toBe(8000);
    expect(a.tenureDays).toBeCloseTo(180, 5);
    expect([a.sessions7d, a.sessions30d, a.sessions90d]).toEqual([1, 2, 3]);
    expect([a.browseMinutes7d, a.browseMinutes30d, a.browseMinutes90d]).toEqual([10, 30, 80]);
    expect(a.activeDays30d).toBe(6);
  });

  it("customer A: purchases, discounts, refunds and price sensitivity", () => {
    const a = row(1);
    expect(a.purchaseCount).toBe(2);
    expect(a.avgOrderCents).toBe(14000);
    expect(a.discountShare).toBeCloseTo(0.5, 6);
    expect(a.refundRate).toBeCloseTo(0.5, 6);
    // Mean discount depth: (10000-8000)/10000 = 0.2 and 0 for the full-price purchase.
    expect(a.priceSensitivity).toBeCloseTo(0.1, 6);
  });

  it("customer A: learning progress, velocity and stalled courses", () => {
    const a = row(1);
    expect(a.completionRate).toBe(0);
    // P1 went 0.3 -> 0.6 in the last 30 days, P2 did not move: 0.3 per 30 days = 0.07 per week.
    expect(a.progressVelocity).toBeCloseTo(0.3 / (30 / 7), 5);
    expect(a.daysSinceLearning).toBeCloseTo(5, 5);
    expect(a.stalledCourses).toBe(1);
  });

  it("customer A: ratings, sentiment and category affinity", () => {
    const a = row(1);
    expect(a.avgRating).toBe(4);
    expect(a.reviewSentiment).toBeCloseTo(scoreSentiment("很好，推荐").score, 5);
    expect(a.reviewSentiment).toBeGreaterThan(0.3);
    // data: purchase 5 + 2 views + 2 progress = 9; design: purchase 5 + click 2 + progress 1 = 8.
    expect(a.topCategories).toEqual([
      { category: "data", share: 0.5294 },
      { category: "design", share: 0.4706 },
    ]);
    expect(a.subscriptionStatus).toBeNull();
    expect(a.renewalCount).toBe(0);
  });

  it("customer B: subscriber, completed course, negative review, purchase features null", () => {
    const b = row(2);
    expect(b.recencyDays).toBeCloseTo(30, 5);
    expect(b.frequency).toBe(3);
    expect(b.monetaryCents).toBe(9000);
    expect(b.tenureDays).toBeCloseTo(90, 5);
    expect(b.activeDays30d).toBe(3);
    expect(b.purchaseCount).toBe(0);
    expect(b.avgOrderCents).toBeNull();
    expect(b.discountShare).toBeNull();
    expect(b.refundRate).toBeNull();
    expect(b.priceSensitivity).toBeNull();
    expect(b.subscriptionStatus).toBe("active");
    expect(b.renewalCount).toBe(2);
    expect(b.completionRate).toBe(1);
    expect(b.progressVelocity).toBeCloseTo(1 / (30 / 7), 5);
    expect(b.daysSinceLearning).toBeCloseTo(15, 5);
    expect(b.stalledCourses).toBe(0);
    expect(b.avgRating).toBe(2);
    expect(b.reviewSentiment).toBeCloseTo(-0.5, 5);
    expect(b.topCategories).toEqual([{ category: "data", share: 1 }]);
  });

  it("customer C without events: missing values are null, counts are zero", () => {
    const c = row(3);
    expect(c.recencyDays).toBeNull();
    expect(c.frequency).toBe(0);
    expect(c.monetaryCents).toBe(0);
    expect([c.rScore, c.fScore, c.mScore]).toEqual([null, null, null]);
    expect(c.tenureDays).toBeCloseTo(29, 5);
    expect(c.sessions90d).toBe(0);
    expect(c.completionRate).toBeNull();
    expect(c.progressVelocity).toBeNull();
    expect(c.daysSinceLearning).toBeNull();
    expect(c.avgRating).toBeNull();
    expect(c.reviewSentiment).toBeNull();
    expect(c.subscriptionStatus).toBeNull();
    expect(c.topCategories).toEqual([]);
  });

  it("RFM scores are quintiles over buyers, ties sharing a score", () => {
    const buyers = [1, 2, 5, 6];
    const recency = buyers.map((id) => row(id).recencyDays ?? 0);
    const frequency = buyers.map((id) => row(id).frequency);
    const monetary = buyers.map((id) => row(id).monetaryCents);
    // Hand-computed: recency 10,30,0,10 -> 4,2,5,4; frequency 2,3,1,1 -> 4,5,3,3; monetary 8000,9000,20000,10000 -> 2,3,5,4.
    expect(buyers.map((id) => row(id).rScore)).toEqual([4, 2, 5, 4]);
    expect(buyers.map((id) => row(id).fScore)).toEqual([4, 5, 3, 3]);
    expect(buyers.map((id) => row(id).mScore)).toEqual([2, 3, 5, 4]);
    expect(quintileScores(recency, false)).toEqual([4, 2, 5, 4]);
    expect(quintileScores(frequency, true)).toEqual([4, 5, 3, 3]);
    expect(quintileScores(monetary, true)).toEqual([2, 3, 5, 4]);
    const e = row(5);
    expect(e.recencyDays).toBe(0);
    expect(e.discountShare).toBe(1);
    expect(e.priceSensitivity).toBe(0);
  });

  it("replaces all rows on a second run and keeps the old rows when a run fails", async () => {
    await database.db.update(customerFeatures).set({ frequency: 99 }).where(eq(customerFeatures.customerId, 3));
    await refreshFeatures(database.db);
    const again = await database.db.select().from(customerFeatures);
    expect(again).toHaveLength(5);
    expect(again.find((r) => r.customerId === 3)?.frequency).toBe(0);

    await database.db.update(customerFeatures).set({ frequency: 77 }).where(eq(customerFeatures.customerId, 3));
    await expect(refreshFeatures(database.db, undefined, { stalledAfterDays: Number.NaN })).rejects.toThrow();
    const kept = await database.db.select().from(customerFeatures);
    expect(kept).toHaveLength(5);
    expect(kept.find((r) => r.customerId === 3)?.frequency).toBe(77);
  });

  it("runs as a queued job with progress and a result", async () => {
    const { id } = await enqueueJob(database.db, refreshFeaturesJob, {});
    expect(await drainJobs(database.db, [refreshFeaturesJob])).toBe(1);
    const job = await getJob(database.db, id);
    expect(job?.status).toBe("succeeded");
    expect(job?.progress).toBe(1);
    expect((job?.result as { customers: number }).customers).toBe(5);
    const [stored] = await database.db.select().from(jobs).where(eq(jobs.id, id));
    expect(stored?.kind).toBe("features.refresh");
  });
});
