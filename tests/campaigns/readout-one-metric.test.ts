import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignReadout } from "../../server/campaigns/readout.service";
import type { Database } from "../../server/db/client";
import { normalCdf, welchTest } from "../../server/stats";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, pinSalt, seedAudience, type Team } from "./fixture";

/**
 * Revenue and conversion disagree on purpose: the treatment converts MORE customers but each
 * spends much less, so a row that mixed the two metrics would show the wrong sign somewhere.
 */
describe(`an experiment's read-out is about its primary metric only (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let campaignId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    const segmentId = await seedAudience(database, { count: 600, segmentName: "Six hundred" });
    const created = await team.marketer.campaigns.create(campaignInput(segmentId, { name: "Revenue test", goal: "revenue_per_customer", holdoutShare: 0.1 }));
    campaignId = created.id;
    await pinSalt(database, campaignId);
    await team.marketer.campaigns.submit({ id: campaignId });
    await team.manager.campaigns.approve({ id: campaignId });
    // Control: 1 in 10 converts, spending CN¥300. Treatment: 1 in 4 converts, spending CN¥40. Holdout: 1 in 20, CN¥100.
    // (Residues chosen clear of the fixture's ids without consent, every tenth.)
    await database.query(
      `INSERT INTO outcomes (campaign_id, customer_id, variant_id, converted, revenue_cents, observed_at)
       SELECT a.campaign_id, a.customer_id, a.variant_id, c.converted, CASE WHEN c.converted THEN c.spend ELSE 0 END, a.exposed_at + interval '1 day'
       FROM assignments a LEFT JOIN campaign_variants v ON v.id = a.variant_id
       CROSS JOIN LATERAL (SELECT CASE WHEN a.variant_id IS NULL THEN a.customer_id % 20 = 7 WHEN v.is_control THEN a.customer_id % 10 = 3 ELSE a.customer_id % 4 = 1 END AS converted,
                                  CASE WHEN a.variant_id IS NULL THEN 10000 WHEN v.is_control THEN 30000 ELSE 4000 END AS spend) c
       WHERE a.campaign_id = $1`,
      [campaignId],
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it("puts verdict, difference, relative lift, p, P(beat) and expected loss all on revenue, and conversion in its own block", async () => {
    const r = await campaignReadout(database.db, campaignId);
    expect(r.metric).toBe("revenue");
    const c = r.comparisons[0];
    if (!c || !c.revenue.defined || !c.conversion.difference.defined) throw new Error("comparison undefined");
    expect(c.primary.metric).toBe("revenue");
    expect(c.secondary.metric).toBe("conversion");
    // Revenue falls while conversion rises: the primary row says so everywhere.
    expect(c.primary.difference.defined && c.primary.difference.estimate).toBeCloseTo(c.revenue.diff, 12);
    expect(c.revenue.diff).toBeLessThan(0);
    expect(c.conversion.difference.estimate).toBeGreaterThan(0);
    expect(c.primary.relative.defined && c.primary.relative.estimate).toBeLessThan(0);
    expect(c.primary.pValue.defined && c.primary.pValue.value).toBeCloseTo(c.revenue.pValue, 12);
    // P(beat control) and expected loss are the normal posterior of the revenue difference.
    const beat = c.primary.probBeatBaseline.defined ? c.primary.probBeatBaseline.value : Number.NaN;
    expect(beat).toBeCloseTo(normalCdf(c.revenue.diff / c.revenue.se), 12);
    expect(beat).toBeLessThan(0.5);
    expect(c.primary.expectedLoss.defined && c.primary.expectedLoss.value).toBeGreaterThan(0);
    // The secondary block carries the conversion numbers, with their own P(beat) above one half.
    expect(c.secondary.difference.defined && c.secondary.difference.estimate).toBeCloseTo(c.conversion.difference.estimate, 12);
    expect(c.secondary.probBeatBaseline.defined && c.secondary.probBeatBaseline.value).toBeGreaterThan(0.5);
    // The verdict and the timeline are on revenue too.
    expect(r.verdict).toMatchObject({ metric: "revenue" });
    const last = r.timeline.at(-1);
    expect(last?.diff).toBeCloseTo(c.revenue.diff, 9);
  });

  it("compares every arm with the holdout on the primary metric, as a Welch test on revenue", async () => {
    const r = await campaignReadout(database.db, campaignId);
    expect(r.holdout.map((h) => h.key).sort()).toEqual(["control", "coupon20"]);
    const holdoutArm = r.arms.find((a) => a.isHoldout);
    const control = r.arms.find((a) => a.isControl);
    const vsHoldout = r.holdout.find((h) => h.key === "control")?.effect;
    if (!holdoutArm || !control || !vsHoldout?.difference.defined) throw new Error("holdout comparison missing");
    expect(vsHoldout.metric).toBe("revenue");
    expect(vsHoldout.difference.estimate).toBeCloseTo((control.revenuePerCustomer ?? 0) - (holdoutArm.revenuePerCustomer ?? 0), 9);
    const rows = await database.query<{ holdout: boolean; n: number; mean: number; variance: number }>(
      `SELECT a.variant_id IS NULL AS holdout, count(*)::int AS n, avg(coalesce(o.revenue_cents, 0) / 100.0)::float8 AS mean, var_samp(coalesce(o.revenue_cents, 0) / 100.0)::float8 AS variance
       FROM assignments a LEFT JOIN campaign_variants v ON v.id = a.variant_id LEFT JOIN outcomes o ON o.campaign_id = a.campaign_id AND o.customer_id = a.customer_id
       WHERE a.campaign_id = $1 AND (a.variant_id IS NULL OR v.is_control) GROUP BY 1`,
      [campaignId],
    );
    const h = rows.find((x) => x.holdout);
    const k = rows.find((x) => !x.holdout);
    if (!h || !k) throw new Error("arms missing");
    const welch = welchTest({ nA: h.n, meanA: h.mean, varA: h.variance, nB: k.n, meanB: k.mean, varB: k.variance });
    if (!welch.defined) throw new Error(welch.reason);
    expect(vsHoldout.pValue.defined && vsHoldout.pValue.value).toBeCloseTo(welch.pValue, 9);
  });
});
