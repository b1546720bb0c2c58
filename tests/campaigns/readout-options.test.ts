import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { armAggregates } from "../../server/campaigns/readout.repo";
import { campaignReadout } from "../../server/campaigns/readout.service";
import type { Database } from "../../server/db/client";
import { benjaminiHochberg, compareProportions, holmAdjust, pooledQuantile, ratioDelta, ratioSumsFromUnits, welchFromSamples } from "../../server/stats";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, pinSalt, refusal, seedAudience, type Team } from "./fixture";

const DAY = 86_400_000;

interface Unit {
  variantId: string | null;
  converted: boolean;
  rev: number;
  disc: number;
  refund: number;
  refunded: boolean;
}

/**
 * Net revenue (coupon cost and in-window refunds netted out), BH, winsorising and the guardrails,
 * each checked against a per-row computation in JS over the raw tables.
 */
describe(`read-out options, guardrails and ratio metrics (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let campaignId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    const segmentId = await seedAudience(database, { count: 900, segmentName: "Nine hundred" });
    const input = campaignInput(segmentId, { name: "Options test", goal: "revenue_per_customer", primaryMetric: "net_revenue", correction: "bh", winsorise: "p95", holdoutShare: 0.1 });
    input.variants.push({ key: "reminder", name: "Reminder", isControl: false, weight: 1, message: "hi", couponPercentOff: null, offerProductId: null });
    const created = await team.marketer.campaigns.create(input);
    campaignId = created.id;
    await pinSalt(database, campaignId);
    await team.marketer.campaigns.submit({ id: campaignId });
    await team.manager.campaigns.approve({ id: campaignId });
    // Heavy-tailed revenue (every 37th customer a whale), differing by arm.
    await database.query(
      `INSERT INTO outcomes (campaign_id, customer_id, variant_id, converted, revenue_cents, observed_at)
       SELECT a.campaign_id, a.customer_id, a.variant_id, r.cents > 0, r.cents, a.exposed_at + interval '1 day'
       FROM assignments a LEFT JOIN campaign_variants v ON v.id = a.variant_id
       CROSS JOIN LATERAL (SELECT CASE WHEN a.customer_id % 37 = 0 THEN 500000
                                       WHEN a.customer_id % 3 = 1 THEN (CASE WHEN v.coupon_percent_off IS NOT NULL THEN 9000 WHEN v.is_control THEN 6000 ELSE 7000 END) + (a.customer_id % 11) * 100
                                       ELSE 0 END AS cents) r
       WHERE a.campaign_id = $1`,
      [campaignId],
    );
    // Refunds: inside the window for every 7th customer, outside it (after the window) for every 13th.
    await database.query(
      `INSERT INTO events (source, external_event_id, customer_id, type, occurred_at, amount_cents)
       SELECT 'test', 'rf-in-' || a.customer_id, a.customer_id, 'refund'::event_type, a.exposed_at + interval '3 days', 2500
       FROM assignments a WHERE a.campaign_id = $1 AND a.customer_id % 7 = 0
       UNION ALL
       SELECT 'test', 'rf-out-' || a.customer_id, a.customer_id, 'refund'::event_type, a.exposed_at + interval '20 days', 9900
       FROM assignments a WHERE a.campaign_id = $1 AND a.customer_id % 13 = 0`,
      [campaignId],
    );
  });
  afterAll(async () => {
    await database.close();
  });

  /** The per-row path: every assigned customer's values, computed in JS from the raw rows. */
  async function units(): Promise<Unit[]> {
    const rows = await database.query<{ v: string | null; k: boolean | null; rev: string | number | null; pct: number | null; exposed: Date | null }>(
      `SELECT a.variant_id AS v, o.converted AS k, o.revenue_cents AS rev, cv.coupon_percent_off AS pct, a.exposed_at AS exposed, a.customer_id AS id
       FROM assignments a LEFT JOIN outcomes o ON o.campaign_id = a.campaign_id AND o.customer_id = a.customer_id
       LEFT JOIN campaign_variants cv ON cv.id = a.variant_id WHERE a.campaign_id = $1 ORDER BY a.customer_id`,
      [campaignId],
    );
    const ids = await database.query<{ id: string | number }>(`SELECT customer_id AS id FROM assignments WHERE campaign_id = $1 ORDER BY customer_id`, [campaignId]);
    const refunds = await database.query<{ c: string | number; t: Date; amt: string | number }>(`SELECT customer_id AS c, occurred_at AS t, amount_cents AS amt FROM events WHERE type = 'refund'`);
    return rows.map((r, i) => {
      const id = Number(ids[i]?.id);
      const exposed = r.exposed ? new Date(r.exposed).getTime() : null;
      const mine = refunds.filter((e) => Number(e.c) === id && exposed !== null && new Date(e.t).getTime() >= exposed && new Date(e.t).getTime() < exposed + 14 * DAY);
      const rev = Number(r.rev ?? 0);
      return { variantId: r.v, converted: r.k === true, rev, disc: (rev * Number(r.pct ?? 0)) / 100, refund: mine.reduce((s, e) => s + Math.abs(Number(e.amt)), 0), refunded: mine.length > 0 };
    });
  }

  it("the SQL sums equal the per-row computation: net revenue, winsorised revenue (pooled p95 cap) and refund rate", async () => {
    const all = await units();
    const sums = await armAggregates(database.db, campaignId, { attributionDays: 14, winsorise: "p95" });
    const cap = pooledQuantile([all.map((u) => u.rev)], 0.95);
    if (!cap.defined) throw new Error(cap.reason);
    expect(sums.capCents).toBeCloseTo(cap.value, 6);
    expect(all.some((u) => u.refunded)).toBe(true);
    for (const arm of sums.arms) {
      const mine = all.filter((u) => u.variantId === arm.variantId);
      const net = mine.map((u) => u.rev - u.disc - u.refund);
      const capped = mine.map((u) => Math.min(u.rev, cap.value));
      expect(arm.exposures).toBe(mine.length);
      expect(arm.refunders).toBe(mine.filter((u) => u.refunded).length);
      expect(arm.refundCents).toBeCloseTo(mine.reduce((s, u) => s + u.refund, 0), 6);
      expect(arm.netCents).toBeCloseTo(net.reduce((s, x) => s + x, 0), 4);
      expect(arm.netSquares / 1e8).toBeCloseTo(net.reduce((s, x) => s + x * x, 0) / 1e8, 4);
      expect(arm.winsorisedCents).toBeCloseTo(capped.reduce((s, x) => s + x, 0), 4);
      expect(arm.winsorisedSquares / 1e8).toBeCloseTo(capped.reduce((s, x) => s + x * x, 0) / 1e8, 4);
      expect(arm.capped).toBe(mine.filter((u) => u.rev > cap.value).length);
      expect(arm.discountCents).toBeCloseTo(mine.reduce((s, u) => s + u.disc, 0), 4);
    }
  });

  it("reads the experiment on net revenue, adjusts p by BH, and shows ARPPU and guardrails per arm", async () => {
    const all = await units();
    const r = await campaignReadout(database.db, campaignId);
    expect(r.metric).toBe("net_revenue");
    expect(r.options).toMatchObject({ correction: "bh", winsorise: "p95" });
    expect(r.unsubscribe.defined).toBe(false);
    const control = r.arms.find((a) => a.isControl);
    if (!control) throw new Error("no control");
    const of = (id: string | null) => all.filter((u) => u.variantId === id);
    for (const c of r.comparisons) {
      // Net revenue: Welch on the per-customer net values, in CN¥.
      const welch = welchFromSamples(of(control.variantId).map((u) => (u.rev - u.disc - u.refund) / 100), of(c.variantId).map((u) => (u.rev - u.disc - u.refund) / 100));
      if (!welch.defined || !c.primary.difference.defined || !c.primary.pValue.defined) throw new Error("undefined");
      expect(c.primary.metric).toBe("net_revenue");
      expect(c.primary.difference.estimate).toBeCloseTo(welch.diff, 9);
      expect(c.primary.pValue.value).toBeCloseTo(welch.pValue, 9);
      // ARPPU by the delta method on revenue / converted.
      const arppu = c.secondaries.find((e) => e.metric === "arppu");
      const unitsOf = (id: string | null) => ratioSumsFromUnits({ num: of(id).map((u) => u.rev / 100), den: of(id).map((u) => (u.converted ? 1 : 0)) });
      const delta = ratioDelta({ A: unitsOf(control.variantId), B: unitsOf(c.variantId) });
      if (!arppu?.difference.defined || !delta.diff.defined || !delta.test.defined) throw new Error("arppu undefined");
      expect(arppu.difference.estimate).toBeCloseTo(delta.diff.value, 9);
      expect(arppu.difference.ci.lower).toBeCloseTo(delta.test.ci.lower, 9);
      // Refund rate: share of exposed customers with an in-window refund.
      const refund = c.guardrails.find((g) => g.metric === "refund_rate");
      const test = compareProportions({ cA: of(control.variantId).filter((u) => u.refunded).length, nA: of(control.variantId).length, cB: of(c.variantId).filter((u) => u.refunded).length, nB: of(c.variantId).length });
      if (!refund?.difference.defined || !test.difference.defined) throw new Error("refund undefined");
      expect(refund.difference.estimate).toBeCloseTo(test.difference.estimate, 12);
    }
    // The coupon arm's discount cost is significantly higher than control's: flagged. The reminder costs nothing.
    const coupon = r.comparisons.find((c) => c.key === "coupon20");
    const reminder = r.comparisons.find((c) => c.key === "reminder");
    expect(coupon?.guardrails.find((g) => g.metric === "discount_cost")?.worsened).toBe(true);
    expect(reminder?.guardrails.find((g) => g.metric === "discount_cost")?.worsened).toBe(false);
    // BH drives the adjusted p; Holm is kept alongside.
    const raw = r.comparisons.map((c) => (c.primary.pValue.defined ? c.primary.pValue.value : 1));
    const bh = benjaminiHochberg(raw);
    if (!bh.defined) throw new Error(bh.reason);
    r.comparisons.forEach((c, i) => {
      expect(c.pValueAdjusted).toBeCloseTo(bh.adjusted[i] ?? Number.NaN, 12);
      expect(c.primary.pValueAdjusted).toBe(c.pValueAdjusted);
      expect(c.pValueHolm).toBeCloseTo(holmAdjust(raw)[i] ?? Number.NaN, 12);
    });
  });

  it("stores the options on the campaign and refuses unknown ones", async () => {
    const got = await team.marketer.campaigns.get({ id: campaignId });
    expect(got).toMatchObject({ primaryMetric: "net_revenue", correction: "bh", winsorise: "p95" });
    const segmentId = (await database.query<{ id: string }>(`SELECT id FROM segments WHERE name = 'Nine hundred'`))[0]?.id ?? "";
    const bad = await refusal(team.marketer.campaigns.create({ ...campaignInput(segmentId, { name: "Bad" }), correction: "bonferroni" as "holm" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/correction must be one of holm, bh/);
  });
});
