import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { campaigns, customerFeatures, customerScores, customers, events, modelRuns, products } from "../../server/db/schema";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

type Caller = ReturnType<typeof createCaller>;

const AS_OF = new Date("2025-06-30T00:00:00Z");
const N = 40;
const MEMBERS = Array.from({ length: 15 }, (_, i) => i + 1);
const frequency = (id: number) => (id * 7) % 11;
const recency = (id: number) => (id <= 15 ? id * 2 : 20 + ((id * 13) % 90));
/** Churn score and whether the customer was active in the last 30 days (the churn label is "not active"). */
const churnScore = (id: number) => ((id * 37) % 100) / 100;
const activeRecently = (id: number) => id % 3 !== 0;

function meanSd(values: number[]) {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, sd: Math.sqrt(variance) };
}

/** AUC by counting concordant positive/negative pairs, ties one half: independent of server/ml. */
function pairwiseAuc(rows: Array<{ score: number; label: number }>): number {
  const pos = rows.filter((r) => r.label === 1);
  const neg = rows.filter((r) => r.label === 0);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.score > n.score ? 1 : p.score === n.score ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

describe(`segment drill-down (${engineUnderTest})`, () => {
  let database: Database;
  let manager: Caller;
  let segmentId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    const db = database.db;
    await db.insert(products).values([
      { id: 1, externalId: "P1", kind: "course", titleZh: "数据课", titleEn: "Data course", category: "data", priceCents: 10000 },
      { id: 2, externalId: "P2", kind: "ebook", titleZh: "数据书", titleEn: "Data book", category: "books", priceCents: 5000 },
    ]);
    const ids = Array.from({ length: N }, (_, i) => i + 1);
    await db.insert(customers).values(ids.map((id) => ({ id, externalId: `c${String(id).padStart(2, "0")}`, marketingConsent: true })));
    await db.insert(customerFeatures).values(ids.map((id) => ({ customerId: id, asOf: AS_OF, frequency: frequency(id), recencyDays: recency(id) })));
    const ev: Array<typeof events.$inferInsert> = [];
    const add = (customerId: number, type: "purchase" | "session", productId: number | null, day: string, amountCents: number | null) =>
      ev.push({ source: "t", externalEventId: `e${ev.length}`, customerId, type, productId, occurredAt: new Date(day), amountCents });
    for (const id of MEMBERS) {
      add(id, "purchase", 1, "2025-03-01T00:00:00Z", 10000);
      if (id <= 10) add(id, "purchase", 2, "2025-03-02T00:00:00Z", 5000);
    }
    for (const id of ids) if (activeRecently(id)) add(id, "session", null, "2025-06-20T00:00:00Z", null);
    add(30, "purchase", 2, "2025-01-01T00:00:00Z", 5000);
    await db.insert(events).values(ev);
    const [run] = await db.insert(modelRuns).values({ task: "churn", algorithm: "gbt", version: 3, status: "succeeded", isActive: true }).returning({ id: modelRuns.id });
    await db.insert(customerScores).values(ids.map((id) => ({ modelRunId: run!.id, customerId: id, score: churnScore(id) })));
    const m = await createStaff(db, null, { email: "mk@example.com", name: "Marketer", role: "marketer", password: "long enough 1" });
    const g = await createStaff(db, null, { email: "mg@example.com", name: "Manager", role: "manager", password: "long enough 1" });
    const marketer = createCaller({ db, user: { id: m.id, email: m.email, name: m.name, role: "marketer" } });
    manager = createCaller({ db, user: { id: g.id, email: g.email, name: g.name, role: "manager" } });
    segmentId = (await marketer.segments.create({ name: "First fifteen", definition: { kind: "manual", customerIds: MEMBERS } })).id;
    await db.insert(campaigns).values({ name: "Win them back", goal: "renewal", channel: "email", status: "running", salt: "s", segmentId });
  });
  afterAll(async () => {
    await database.close();
  });

  it("size, share of all customers, snapshot history and targeting campaigns", async () => {
    const overview = await manager.segments.overview({ id: segmentId });
    expect(overview.segment.memberCount).toBe(15);
    expect(overview.population).toBe(N);
    expect(overview.share).toBeCloseTo(15 / N, 12);
    expect(overview.snapshots.map((s) => s.size)).toEqual([15]);
    expect(overview.campaigns.map((c) => [c.name, c.status])).toEqual([["Win them back", "running"]]);
  });

  it("feature effect sizes equal the standardised mean difference computed by hand, ranked by size", async () => {
    const profile = await manager.segments.profile({ id: segmentId });
    const rest = Array.from({ length: N }, (_, i) => i + 1).filter((id) => !MEMBERS.includes(id));
    for (const [key, f] of [["frequency", frequency], ["recency_days", recency]] as const) {
      const a = meanSd(MEMBERS.map(f));
      const b = meanSd(rest.map(f));
      const d = (a.mean - b.mean) / Math.sqrt((a.sd ** 2 + b.sd ** 2) / 2);
      const got = profile.features.find((x) => x.key === key);
      expect(got?.effectSize).toBeCloseTo(d, 9);
      expect(got?.segmentMean).toBeCloseTo(a.mean, 9);
      const { histogram } = await manager.segments.profile({ id: segmentId, feature: key });
      expect(histogram?.key).toBe(key);
      expect(histogram?.bins.reduce((s, bin) => s + bin.segmentShare, 0)).toBeCloseTo(1, 12);
      expect(histogram?.bins.reduce((s, bin) => s + bin.populationShare, 0)).toBeCloseTo(1, 12);
    }
    // recency: members 2..30 days, the rest 20..109: a large negative effect, ranked first.
    expect(profile.distinguishing[0]?.key).toBe("recency_days");
    const abs = profile.distinguishing.map((x) => Math.abs(x.effectSize));
    expect(abs).toEqual([...abs].sort((x, y) => y - x));
    // Without a feature asked for, the histogram is of the most distinguishing one.
    expect(profile.histogram?.key).toBe("recency_days");
    // Histogram: population range of frequency is 0..10, so bin 0 holds values in [0, 1).
    const freq = (await manager.segments.profile({ id: segmentId, feature: "frequency" })).histogram;
    const all = Array.from({ length: N }, (_, i) => frequency(i + 1));
    expect(freq?.bins[0]?.populationShare).toBeCloseTo(all.filter((v) => v < 1).length / N, 12);
  });

  it("KPIs of the members against everyone", async () => {
    const k = await manager.segments.kpis({ id: segmentId });
    expect(k.segment.conversion).toBe(1);
    expect(k.segment.revenuePerCustomerCents).toBeCloseTo((15 * 10000 + 10 * 5000) / 15, 9);
    expect(k.segment.retention).toBeCloseTo(MEMBERS.filter(activeRecently).length / 15, 12);
    expect(k.segment.renewal).toBeNull();
    expect(k.segment.churnRisk).toBeCloseTo(MEMBERS.reduce((s, id) => s + churnScore(id), 0) / 15, 5);
    expect(k.population.conversion).toBeCloseTo(16 / N, 12);
    expect(k.population.customers).toBe(N);
  });

  it("top products and categories, and association rules mined inside the segment", async () => {
    const top = await manager.segments.top({ id: segmentId });
    expect(top.products.map((p) => [p.label, p.buyers])).toEqual([["Data course", 15], ["Data book", 10]]);
    expect(top.categories.map((c) => [c.category, c.buyers])).toEqual([["data", 15], ["books", 10]]);
    const rules = await manager.segments.rules({ id: segmentId });
    expect(rules.baskets).toBe(15);
    const bookToCourse = rules.rules.find((r) => r.antecedent.join() === "2" && r.consequent.join() === "1");
    expect(bookToCourse).toMatchObject({ support: 10 / 15, confidence: 1, lift: 1 });
    expect(bookToCourse?.consequentTitles).toEqual([{ en: "Data course", zh: "数据课" }]);
  });

  it("the active churn model's AUC inside the segment equals a pairwise count over the members", async () => {
    const [churn] = await manager.segments.modelMetrics({ id: segmentId });
    expect(churn?.task).toBe("churn");
    const rows = MEMBERS.map((id) => ({ score: churnScore(id), label: activeRecently(id) ? 0 : 1 }));
    expect(churn?.segment?.n).toBe(15);
    expect(churn?.segment?.auc).toBeCloseTo(pairwiseAuc(rows), 12);
    expect(churn?.segment?.positiveRate).toBeCloseTo(rows.filter((r) => r.label === 1).length / 15, 12);
    const everyone = Array.from({ length: N }, (_, i) => ({ score: churnScore(i + 1), label: activeRecently(i + 1) ? 0 : 1 }));
    expect(churn?.population?.auc).toBeCloseTo(pairwiseAuc(everyone), 12);
  });

  it("members are paginated in external-id order, names masked for roles without customers.pii", async () => {
    await database.db.update(customers).set({ displayName: "Zhang San" }).where(eq(customers.id, 11));
    const page2 = await manager.segments.members({ id: segmentId, page: 2, pageSize: 10 });
    expect(page2.rows[0]?.displayName).toBe("Z******");
    expect(page2.total).toBe(15);
    expect(page2.rows.map((r) => r.externalId)).toEqual(["c11", "c12", "c13", "c14", "c15"]);
    expect(page2.rows[0]?.id).toBe(11);
  });
});
