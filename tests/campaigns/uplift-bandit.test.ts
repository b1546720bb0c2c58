import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simulateThompson } from "../../server/campaigns/bandit-simulation";
import { responseProbability, isPersona } from "../../server/campaigns/simulated-channel";
import type { Database } from "../../server/db/client";
import { loadDemo } from "../../server/demo/load";
import { PERSONA_PARAMS, PERSONAS } from "../../server/demo/personas";
import { refreshFeatures } from "../../server/features/refresh";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, pinSalt, type Team } from "./fixture";

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(values.length);
  order.forEach(([, i], k) => (r[i] = k + 1));
  return r;
}

function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const d2 = ra.reduce((s, x, i) => s + (x - (rb[i] ?? 0)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe(`uplift T-learner and Thompson bandit on demo data with planted truth (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let segmentId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    await loadDemo(database, { customers: 4000, days: 120, seed: 11, endAt: new Date("2026-01-01T00:00:00Z") });
    await refreshFeatures(database.db);
    // Everyone in the demo with consent is in the audience (the campaign re-checks consent anyway).
    const [segment] = await database.query<{ id: string }>(
      `INSERT INTO segments (name, kind, definition) VALUES ('All demo customers', 'rule', '{"kind":"rule","rule":{"kind":"group","combinator":"and","children":[]}}') RETURNING id`,
    );
    segmentId = segment?.id ?? "";
    await database.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT $1::uuid, id FROM customers`, [segmentId]);
  }, 300_000);
  afterAll(async () => {
    await database.close();
  });

  it("recovers the planted per-persona uplift ranking and builds a persuadables segment", async () => {
    const created = await team.marketer.campaigns.create(campaignInput(segmentId, { name: "Uplift study", holdoutShare: 0 }));
    await pinSalt(database, created.id);
    await team.marketer.campaigns.submit({ id: created.id });
    await team.manager.campaigns.approve({ id: created.id });
    await team.marketer.campaigns.simulate({ id: created.id, seed: 3 });
    await expect(team.manager.campaigns.uplift({ id: created.id })).rejects.toThrow("finished campaign");
    await team.marketer.campaigns.complete({ id: created.id });
    const report = await team.manager.campaigns.uplift({ id: created.id });
    expect(report.customers).toBeGreaterThan(1000);
    expect(report.deciles).toHaveLength(10);
    expect(report.qini.at(-1)?.fraction).toBe(1);

    const { estimateUplift } = await import("../../server/campaigns/uplift.service");
    const { examples, uplift } = await estimateUplift(database.db, created.id);
    const truth = await database.query<{ customer_id: number | string; persona: string }>(`SELECT customer_id, persona FROM demo_customer_truth`);
    const persona = new Map(truth.map((t) => [Number(t.customer_id), t.persona]));
    const sums = new Map<string, { s: number; n: number }>();
    examples.forEach((e, i) => {
      const p = persona.get(e.customerId) ?? "";
      const g = sums.get(p) ?? { s: 0, n: 0 };
      g.s += uplift[i] ?? 0;
      g.n++;
      sums.set(p, g);
    });
    const present = PERSONAS.filter((p) => (sums.get(p)?.n ?? 0) >= 30);
    const estimated = present.map((p) => (sums.get(p)?.s ?? 0) / (sums.get(p)?.n ?? 1));
    const planted = present.map((p) => PERSONA_PARAMS[p].uplift);
    const rho = spearman(estimated, planted);
    console.log(`uplift: Spearman(mean estimated, planted) over ${present.length} personas = ${rho.toFixed(3)}; ${present.map((p, i) => `${p} ${estimated[i]?.toFixed(3)}/${PERSONA_PARAMS[p].uplift}`).join(", ")}`);
    expect(rho).toBeGreaterThan(0.6);
    // The highest-uplift persona is over-represented in the top decile of estimated uplift.
    const order = Array.from(uplift.keys()).sort((a, b) => (uplift[b] ?? 0) - (uplift[a] ?? 0));
    const top = order.slice(0, Math.floor(order.length / 10));
    const share = (ix: number[]) => ix.filter((i) => persona.get(examples[i]?.customerId ?? 0) === "bargain_hunter").length / ix.length;
    expect(share(top)).toBeGreaterThan(1.5 * share(order));

    const persuadables = await team.marketer.campaigns.persuadables({ id: created.id, name: "Persuadables (uplift study)", topShare: 0.1 });
    expect(persuadables.members).toBeGreaterThan(0);
    const segment = await team.marketer.segments.get({ id: persuadables.id });
    expect(segment.kind).toBe("manual");
    expect(segment.definition).toEqual({ kind: "manual", customerIds: expect.any(Array) });
    if (segment.definition.kind !== "manual") throw new Error("not manual");
    expect(segment.definition.customerIds).toHaveLength(persuadables.members);
  }, 120_000);

  it("Thompson sampling on the demo audience sends most traffic to the best arm with less regret than a fixed split", async () => {
    const truth = await database.query<{ persona: string; true_uplift: number }>(`SELECT persona, true_uplift FROM demo_customer_truth ORDER BY customer_id`);
    const arms = [
      { isControl: true, couponPercentOff: null },
      { isControl: false, couponPercentOff: 10 },
      { isControl: false, couponPercentOff: 40 },
    ];
    const customers = truth.flatMap((t) => {
      const p = t.persona;
      return isPersona(p) ? [{ probabilities: arms.map((a) => responseProbability(p, Number(t.true_uplift), a)) }] : [];
    });
    const sim = simulateThompson(customers, { seed: 9, batchSize: 100 });
    console.log(`bandit: shares ${sim.shares.map((s) => s.toFixed(3)).join("/")}, regret ${sim.cumulativeRegret.toFixed(1)} vs fixed split ${sim.uniformRegret.toFixed(1)}`);
    expect(sim.bestArm).toBe(2);
    expect(sim.shares[2]).toBeGreaterThan(0.5);
    expect(sim.cumulativeRegret).toBeLessThan(sim.uniformRegret / 2);
  });

  it("a bandit campaign reallocates wave by wave as simulated outcomes arrive", async () => {
    const created = await team.marketer.campaigns.create(
      campaignInput(segmentId, {
        name: "Bandit coupons",
        allocation: "thompson",
        holdoutShare: 0,
        variants: [
          { key: "control", name: "No coupon", isControl: true, weight: 1, message: null, couponPercentOff: null, offerProductId: null },
          { key: "c10", name: "10% off", isControl: false, weight: 1, message: null, couponPercentOff: 10, offerProductId: null },
          { key: "c40", name: "40% off", isControl: false, weight: 1, message: null, couponPercentOff: 40, offerProductId: null },
        ],
      }),
    );
    // One bandit run on a few hundred customers can still favour a worse arm by chance; the salt
    // is pinned so this run is reproducible, and banditSimulation below checks the tendency.
    await pinSalt(database, created.id, "bandit-wave-salt");
    await team.marketer.campaigns.submit({ id: created.id });
    const launched = await team.manager.campaigns.approve({ id: created.id });
    const all = launched.assignment?.eligible ?? 0;
    expect(launched.assignment?.assigned).toBeLessThan(all * 0.3);
    const loop = await team.marketer.campaigns.simulate({ id: created.id, seed: 4 });
    expect(loop.waves).toHaveLength(4);
    const r = await team.manager.campaigns.results({ id: created.id, cuped: false });
    expect(r.srm.defined).toBe(false);
    expect(r.bandit?.waves).toHaveLength(5);
    const first = r.bandit?.waves[0]?.exposures ?? {};
    const last = r.bandit?.waves.at(-1)?.exposures ?? {};
    const share = (w: Record<string, number>, k: string) => (w[k] ?? 0) / Object.values(w).reduce((a, b) => a + b, 0);
    expect(share(last, "c40")).toBeGreaterThan(share(first, "c40"));
    expect(r.arms.reduce((s, a) => s + a.exposures, 0)).toBe(all);
    const sim = await team.manager.campaigns.banditSimulation({ id: created.id });
    expect(sim?.bestArm).toBe("c40");
  }, 120_000);
});
