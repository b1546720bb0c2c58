import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { covariateRows, segmentArmCounts } from "../../server/campaigns/readout.repo";
import type { Database } from "../../server/db/client";
import { cuped, type CupedResult } from "../../server/stats";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, pinSalt, refusal, seedAudience, type Team } from "./fixture";

describe(`campaign builder, approval and results through the API (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let segmentId = "";
  let campaignId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    segmentId = await seedAudience(database, { count: 2000, segmentName: "Everyone" });
  });
  afterAll(async () => {
    await database.close();
  });

  it("validates the builder input with field-named errors", async () => {
    const bad = await refusal(team.marketer.campaigns.create({ ...campaignInput(segmentId), endsAt: new Date("2025-01-01T00:00:00Z") }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("The end must be after the start");
    const noControl = await refusal(
      team.marketer.campaigns.create(campaignInput(segmentId, { variants: campaignInput(segmentId).variants.map((v) => ({ ...v, isControl: false })) })),
    );
    expect(noControl.message).toContain("Exactly one arm must be the control (found 0)");
    const badCoupon = await refusal(
      team.marketer.campaigns.create(campaignInput(segmentId, { variants: campaignInput(segmentId).variants.map((v) => ({ ...v, couponPercentOff: 95 })) })),
    );
    expect(badCoupon.message).toContain("Coupon must be between 0% and 90% off");
    expect(badCoupon.message).toContain('"couponPercentOff"');
    // Messages a marketer reads, with the field named for the form (and for API clients).
    const badHoldout = await refusal(team.marketer.campaigns.create(campaignInput(segmentId, { holdoutShare: 0.7 })));
    expect(badHoldout.code).toBe("BAD_REQUEST");
    expect(badHoldout.message).toContain("Holdout must be between 0% and 50%");
    expect(badHoldout.message).toContain('"holdoutShare"');
    const unknownSegment = await refusal(team.marketer.campaigns.create(campaignInput("00000000-0000-4000-8000-000000000000")));
    expect(unknownSegment).toMatchObject({ code: "BAD_REQUEST", field: "segmentId" });
  });

  it("walks draft → pending approval → running, refusing self-approval and audited at every step", async () => {
    const created = await team.marketer.campaigns.create(campaignInput(segmentId));
    await pinSalt(database, created.id);
    campaignId = created.id;
    expect(created.status).toBe("draft");
    expect((await refusal(team.marketer.campaigns.create(campaignInput(segmentId)))).field).toBe("name");
    expect((await refusal(team.manager.campaigns.approve({ id: campaignId }))).message).toContain("Cannot approve a campaign that is draft");
    await team.marketer.campaigns.submit({ id: campaignId });
    // The marketer lacks the permission at all; the matrix says FORBIDDEN before any logic runs.
    expect((await refusal(team.marketer.campaigns.approve({ id: campaignId }))).code).toBe("FORBIDDEN");
    const approved = await team.manager.campaigns.approve({ id: campaignId, note: "ok" });
    expect(approved.status).toBe("running");
    expect(approved.approvedBy).toBe(team.ids.manager);
    expect(approved.assignment?.assigned).toBeGreaterThan(0);
    const audit = await database.query<{ action: string }>(`SELECT action FROM audit_log WHERE target = 'Spring coupon' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(["campaigns.create", "campaigns.submit", "campaigns.approve"]);
  });

  it("does not let an admin approve a campaign the admin created", async () => {
    const own = await team.admin.campaigns.create(campaignInput(segmentId, { name: "Admin's own" }));
    await team.admin.campaigns.submit({ id: own.id });
    const refused = await refusal(team.admin.campaigns.approve({ id: own.id }));
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: "You created this campaign, so someone else must approve it" });
    expect((await team.admin.campaigns.get({ id: own.id })).canApprove).toBe(false);
    expect((await team.manager.campaigns.get({ id: own.id })).canApprove).toBe(true);
    await team.manager.campaigns.reject({ id: own.id, note: "not now" });
    expect((await team.admin.campaigns.get({ id: own.id })).status).toBe("draft");
  });

  it("never assigns customers without consent or erased", async () => {
    const [row] = await database.query<{ bad: number; total: number }>(
      `SELECT count(*) FILTER (WHERE NOT c.marketing_consent OR c.erased_at IS NOT NULL)::int AS bad, count(*)::int AS total
       FROM assignments a JOIN customers c ON c.id = a.customer_id WHERE a.campaign_id = $1`,
      [campaignId],
    );
    // 2000 members; every 10th lacks consent, every 25th is erased (every 50th is both).
    expect(row).toEqual({ bad: 0, total: 2000 - 200 - 80 + 40 });
  });

  it("exports each variant's audience as CSV and JSON, consent re-checked and cells neutralised", async () => {
    await database.query(`UPDATE campaign_variants SET message = '=HYPERLINK("x")' WHERE campaign_id = $1 AND key = 'coupon20'`, [campaignId]);
    await database.query(`UPDATE customers SET marketing_consent = false WHERE id = 2`);
    const csv = await team.marketer.campaigns.exportAudience({ id: campaignId, format: "csv" });
    // A marketer lacks audience.export_pii: ids and the offer, no name, e-mail or phone.
    expect(csv.body.split("\r\n")[0]).toBe("variant,variant_name,customer_id,message,coupon_percent_off,offer_product_id");
    expect(csv.body).not.toContain("@example.com");
    expect(csv.body).toContain(`'=HYPERLINK(""x"")`);
    expect(csv.body).not.toContain("cust-2,");
    const json = await team.marketer.campaigns.exportAudience({ id: campaignId, format: "json" });
    const parsed = JSON.parse(json.body) as { variants: Record<string, unknown[]> };
    expect(Object.keys(parsed.variants).sort()).toEqual(["control", "coupon20"]);
    expect(json.rows).toBe(csv.rows);
    expect((await refusal(team.manager.campaigns.exportAudience({ id: campaignId, format: "csv" }))).code).toBe("FORBIDDEN");
  });

  it("flags a customer in two running campaigns with the same goal as interference on both", async () => {
    const second = await team.otherMarketer.campaigns.create(campaignInput(segmentId, { name: "Overlapping push", channel: "push" }));
    await team.otherMarketer.campaigns.submit({ id: second.id });
    const approved = await team.marketer.campaigns.approve({ id: second.id }).catch(() => null);
    expect(approved).toBeNull();
    const launched = await team.manager.campaigns.approve({ id: second.id });
    expect(launched.assignment?.interferenceFlagged).toBeGreaterThan(0);
    const [first] = await database.query<{ n: number }>(`SELECT count(*) FILTER (WHERE interference)::int AS n FROM assignments WHERE campaign_id = $1`, [campaignId]);
    const [other] = await database.query<{ n: number }>(`SELECT count(*) FILTER (WHERE interference)::int AS n FROM assignments WHERE campaign_id = $1`, [second.id]);
    // Customer 2 withdrew consent before this launch, so the overlap is one smaller than the audience.
    expect(first?.n).toBe(1759);
    expect(other?.n).toBe(1759);
    // A different goal does not interfere.
    const renewal = await team.otherMarketer.campaigns.create(campaignInput(segmentId, { name: "Renewal nudge", goal: "renewal" }));
    await team.otherMarketer.campaigns.submit({ id: renewal.id });
    const third = await team.manager.campaigns.approve({ id: renewal.id });
    expect(third.assignment?.interferenceFlagged).toBe(0);
  });

  it("simulates planted responses and reads out lift, intervals, P(beat control), SRM and a verdict", async () => {
    const sim = await team.marketer.campaigns.simulate({ id: campaignId, seed: 5 });
    expect(sim.simulated).toBe(1760);
    const r = await team.manager.campaigns.results({ id: campaignId, cuped: true });
    expect(r.arms.map((a) => a.key)).toEqual(["control", "coupon20", "holdout"]);
    expect(r.arms.reduce((s, a) => s + a.exposures, 0)).toBe(1760);
    const c = r.comparisons[0];
    if (!c || !c.conversion.difference.defined || !c.conversion.relativeLift.defined || !c.conversion.zTest.defined) throw new Error("comparison undefined");
    // Planted: mean persona uplift × 1.2 for the 20% coupon ≈ 0.06 × 1.2 over the persona mix.
    expect(c.conversion.difference.estimate).toBeGreaterThan(0.03);
    expect(c.conversion.difference.ci.lower).toBeLessThan(c.conversion.difference.estimate);
    // The goal is conversion, so every primary number is about conversion.
    expect(c.primary).toMatchObject({ metric: "conversion", difference: { defined: true, estimate: c.conversion.difference.estimate } });
    expect(c.primary.probBeatBaseline).toMatchObject({ defined: true });
    expect(c.primary.probBeatBaseline.defined && c.primary.probBeatBaseline.value).toBeGreaterThan(0.99);
    expect(c.primary.expectedLoss.defined && c.primary.expectedLoss.value).toBeLessThan(0.001);
    expect(c.primary.pValueAdjusted).toBe(c.pValueHolm);
    expect(c.secondary.metric).toBe("revenue");
    expect(r.srm.defined && r.srm.pValue > 0.001).toBe(true);
    expect(r.verdict.kind).toBe("winner");
    expect(c.cuped).not.toBeNull();
    expect(r.timeline.length).toBeGreaterThan(1);
    const lastPoint = r.timeline.at(-1);
    expect(lastPoint?.lower).not.toBeNull();
    // The sequential interval is wider than the fixed-n one: safe to peek costs width.
    expect((lastPoint?.upper ?? 0) - (lastPoint?.lower ?? 0)).toBeGreaterThan(c.conversion.difference.ci.upper - c.conversion.difference.ci.lower);
  });

  it("computes CUPED from SQL sums and the segment breakdown (membership at exposure) in one query, equal to the row-by-row answers", async () => {
    // Two overlapping slices of the audience, so the breakdown has something to split.
    const slices: string[] = [];
    for (const [name, mod] of [["even ids", 2], ["every third id", 3]] as const) {
      const [seg] = await database.query<{ id: string }>(`INSERT INTO segments (name, kind, definition) VALUES ($1, 'rule', '{}'::jsonb) RETURNING id`, [name]);
      if (!seg) throw new Error("segment insert failed");
      await database.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT $1::uuid, customer_id FROM assignments WHERE campaign_id = $2 AND customer_id % $3 = 0`, [seg.id, campaignId, mod]);
      slices.push(seg.id);
    }
    // Segments made after the customers were exposed are not part of the breakdown...
    expect((await segmentArmCounts(database.db, campaignId)).filter((x) => slices.includes(x.segmentId))).toEqual([]);
    // ...only membership recorded at assignment is: record it as if the slices had existed then.
    await database.query(`INSERT INTO assignment_segments (campaign_id, segment_id, customer_id) SELECT $1::uuid, segment_id, customer_id FROM segment_members WHERE segment_id = ANY($2::uuid[])`, [campaignId, slices]);
    try {
      const numbers = (x: CupedResult) => [
        x.theta.defined ? x.theta.value : null,
        ...(x.adjusted.defined ? [x.adjusted.diff, x.adjusted.se, x.adjusted.pValue, x.adjusted.ci.lower] : [null]),
        ...(x.raw.defined ? [x.raw.diff, x.raw.se, x.raw.pValue] : [null]),
      ];
      const compareWithRows = async () => {
        const r = await team.manager.campaigns.results({ id: campaignId, cuped: true });
        const control = r.arms.find((a) => a.isControl);
        const c = r.comparisons[0];
        if (!control?.variantId || !c?.cuped) throw new Error("no CUPED comparison");
        const rows = await covariateRows(database.db, campaignId);
        const arm = (id: string) => rows.filter((row) => row.variantId === id);
        const [a, b] = [arm(control.variantId), arm(c.variantId)];
        const byRows = cuped({ yA: a.map((x) => x.converted), xA: a.map((x) => x.pre), yB: b.map((x) => x.converted), xB: b.map((x) => x.pre) });
        const expected = numbers(byRows);
        const got = numbers(c.cuped);
        expect(got.length).toBe(expected.length);
        got.forEach((value, i) => (value === null ? expect(expected[i]).toBeNull() : expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 10)));
        return r;
      };
      // The simulation's covariate is constant: both paths say theta is undefined.
      expect(numbers((await compareWithRows()).comparisons[0]?.cuped ?? cuped({ yA: [], xA: [], yB: [], xB: [] }))[0]).toBeNull();
      // A covariate that varies and correlates with conversion: both paths adjust, identically.
      await database.query(`UPDATE outcomes SET pre_period_value = (customer_id % 7) + CASE WHEN converted THEN 2.5 ELSE 0 END WHERE campaign_id = $1`, [campaignId]);
      const r = await compareWithRows();
      expect(numbers(r.comparisons[0]?.cuped ?? cuped({ yA: [], xA: [], yB: [], xB: [] })).every((v) => v !== null)).toBe(true);

      // Segment × arm counts by hand from the raw rows.
      const assigned = await database.query<{ customer_id: number; variant_id: string | null; converted: boolean | null }>(
        `SELECT a.customer_id::int AS customer_id, a.variant_id, o.converted FROM assignments a
         LEFT JOIN outcomes o ON o.campaign_id = a.campaign_id AND o.customer_id = a.customer_id WHERE a.campaign_id = $1`,
        [campaignId],
      );
      const members = await database.query<{ segment_id: string; customer_id: number }>(`SELECT segment_id, customer_id::int AS customer_id FROM segment_members`);
      const [campaign] = await database.query<{ segment_id: string }>(`SELECT segment_id FROM campaigns WHERE id = $1`, [campaignId]);
      const byCustomer = new Map(assigned.map((x) => [Number(x.customer_id), x]));
      const hand = new Map<string, { n: number; c: number }>();
      for (const m of members) {
        const x = byCustomer.get(Number(m.customer_id));
        if (!x?.variant_id || m.segment_id === campaign?.segment_id) continue;
        const key = `${m.segment_id}/${x.variant_id}`;
        const cell = hand.get(key) ?? { n: 0, c: 0 };
        cell.n++;
        if (x.converted) cell.c++;
        hand.set(key, cell);
      }
      const counts = await segmentArmCounts(database.db, campaignId);
      expect(new Set(counts.map((x) => x.segmentId))).toEqual(new Set(slices));
      expect(new Map(counts.map((x) => [`${x.segmentId}/${x.variantId}`, { n: x.exposures, c: x.conversions }]))).toEqual(hand);
      // One row per slice × treatment on the results page, with the hand-counted arm sizes.
      expect(r.segments.map((x) => x.segmentName).sort()).toEqual(["even ids", "every third id"]);
      const control = r.arms.find((a) => a.isControl);
      for (const row of r.segments) expect(row.controlN).toBe(hand.get(`${row.segmentId}/${control?.variantId}`)?.n);
    } finally {
      await database.query(`DELETE FROM segments WHERE id = ANY($1::uuid[])`, [slices]);
    }
  });

  it("shows the SRM banner condition when the split is broken", async () => {
    await database.query(
      `DELETE FROM assignments WHERE campaign_id = $1 AND variant_id = (SELECT id FROM campaign_variants WHERE campaign_id = $1 AND key = 'coupon20') AND customer_id % 3 = 0`,
      [campaignId],
    );
    const r = await team.manager.campaigns.results({ id: campaignId, cuped: false });
    expect(r.srm.defined && r.srm.mismatch).toBe(true);
    expect(r.verdict.kind).toBe("srm");
  });

  it("stops and completes only from running, and lists with status filter and sort", async () => {
    await team.marketer.campaigns.stop({ id: campaignId });
    expect((await refusal(team.marketer.campaigns.complete({ id: campaignId }))).message).toContain("Cannot complete a campaign that is stopped");
    const running = await team.manager.campaigns.list({ status: "running", sort: "name", direction: "asc" });
    expect(running.rows.map((r) => r.name)).toEqual(["Overlapping push", "Renewal nudge"]);
    const all = await team.manager.campaigns.list({ pageSize: 2 });
    expect(all.total).toBe(4);
    expect(all.rows).toHaveLength(2);
  });

  it("answers the power calculator", async () => {
    const p = await team.marketer.campaigns.power({ baseline: 0.1, mde: 0.02, mdeType: "absolute", arms: 2, dailyTraffic: 1000 });
    expect(p.perArm).toBe(3841);
    expect(p.days).toBe(8);
    expect((await refusal(team.marketer.campaigns.power({ baseline: 0.95, mde: 0.1, mdeType: "absolute" }))).field).toBe("mde");
  });
});
