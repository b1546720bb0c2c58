import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { dailyInflow, segmentPowerPlan } from "../../server/campaigns/power-plan";
import { segmentSupply } from "../../server/campaigns/segment-supply.repo";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { createTeam, seedAudience, type Team } from "./fixture";

describe("daily inflow from size snapshots (pure)", () => {
  it("is null without two snapshots on different days", () => {
    expect(dailyInflow([])).toBeNull();
    expect(dailyInflow([{ day: "2026-03-01", size: 100 }])).toBeNull();
  });

  it("sums the increases over the days spanned; decreases are leavers and do not offset arrivals", () => {
    // +10, −4, +6 over 3 days: 16 arrivals / 3 days.
    const snapshots = [
      { day: "2026-03-04", size: 112 },
      { day: "2026-03-01", size: 100 },
      { day: "2026-03-02", size: 110 },
      { day: "2026-03-03", size: 106 },
    ];
    const inflow = dailyInflow(snapshots);
    expect(inflow?.spanDays).toBe(3);
    expect(inflow?.perDay).toBeCloseTo(16 / 3, 12);
  });

  it("spreads an increase across a gap between refreshes and reads only the window before the latest day", () => {
    expect(dailyInflow([{ day: "2026-03-01", size: 100 }, { day: "2026-03-11", size: 130 }])?.perDay).toBe(3);
    // The jump of 1,000 on 1 January is older than 28 days before 20 March: left out.
    const windowed = dailyInflow([
      { day: "2026-01-01", size: 0 },
      { day: "2026-01-02", size: 1000 },
      { day: "2026-03-10", size: 1000 },
      { day: "2026-03-20", size: 1020 },
    ]);
    expect(windowed).toEqual({ perDay: 2, spanDays: 10 });
  });

  it("is zero for a segment that never grows", () => {
    expect(dailyInflow([{ day: "2026-03-01", size: 50 }, { day: "2026-03-08", size: 40 }])).toEqual({ perDay: 0, spanDays: 7 });
  });
});

describe("segment power plan (pure)", () => {
  it("says how many days the inflow needs to make up the shortfall per arm", () => {
    // 161 eligible of 161 members, 3 arms, no holdout: 53 per arm now; 8,158 needed.
    // 3 new a day reach the test, 1 a day per arm: 8,105 days.
    const plan = segmentPowerPlan({ requiredPerArm: 8158, arms: 3, members: 161, eligible: 161, holdoutShare: 0, inflowPerDay: 3 });
    expect(plan.availablePerArm).toBe(53);
    expect(plan.shortfallPerArm).toBe(8105);
    expect(plan.perArmInflowPerDay).toBe(1);
    expect(plan.horizon).toEqual({ kind: "days", days: 8105 });
    expect(plan.fitsPlan).toBeNull();
  });

  it("sets the holdout aside and counts only the eligible share of new members", () => {
    // 1,000 eligible of 2,000 members, 10% holdout, 2 arms: 900 in the test, 450 per arm.
    // 40 new a day, half eligible (20), 90% into the test (18), 9 a day per arm; 550 short → 62 days.
    const plan = segmentPowerPlan({ requiredPerArm: 1000, arms: 2, members: 2000, eligible: 1000, holdoutShare: 0.1, inflowPerDay: 40, plannedDays: 28 });
    expect(plan.inTest).toBe(900);
    expect(plan.availablePerArm).toBe(450);
    expect(plan.eligibleInflowPerDay).toBe(20);
    expect(plan.perArmInflowPerDay).toBeCloseTo(9, 12);
    expect(plan.horizon).toEqual({ kind: "days", days: 62 });
    expect(plan.fitsPlan).toBe(false);
    expect(segmentPowerPlan({ requiredPerArm: 1000, arms: 2, members: 2000, eligible: 1000, holdoutShare: 0.1, inflowPerDay: 40, plannedDays: 62 }).fitsPlan).toBe(true);
  });

  it("is enough now when the segment already holds the sample, whatever the inflow", () => {
    const plan = segmentPowerPlan({ requiredPerArm: 500, arms: 2, members: 1000, eligible: 1000, holdoutShare: 0, inflowPerDay: null, plannedDays: 7 });
    expect(plan.availablePerArm).toBe(500);
    expect(plan.shortfallPerArm).toBe(0);
    expect(plan.horizon).toEqual({ kind: "enough" });
    expect(plan.fitsPlan).toBe(true);
  });

  it("cannot reach the sample with zero inflow, and cannot tell without history", () => {
    expect(segmentPowerPlan({ requiredPerArm: 500, arms: 2, members: 100, eligible: 80, holdoutShare: 0, inflowPerDay: 0, plannedDays: 28 }).horizon).toEqual({ kind: "zero_inflow" });
    expect(segmentPowerPlan({ requiredPerArm: 500, arms: 2, members: 100, eligible: 80, holdoutShare: 0, inflowPerDay: 0, plannedDays: 28 }).fitsPlan).toBe(false);
    // Growth but nobody contactable: no eligible inflow either.
    expect(segmentPowerPlan({ requiredPerArm: 500, arms: 2, members: 100, eligible: 0, holdoutShare: 0, inflowPerDay: 10 }).horizon).toEqual({ kind: "zero_inflow" });
    expect(segmentPowerPlan({ requiredPerArm: 500, arms: 2, members: 100, eligible: 80, holdoutShare: 0, inflowPerDay: null }).horizon).toEqual({ kind: "unknown_inflow" });
  });

  it("takes every arrival as eligible when the segment is empty now", () => {
    const plan = segmentPowerPlan({ requiredPerArm: 10, arms: 2, members: 0, eligible: 0, holdoutShare: 0, inflowPerDay: 4 });
    expect(plan.availablePerArm).toBe(0);
    expect(plan.horizon).toEqual({ kind: "days", days: 5 });
  });
});

describe(`segment supply and the power procedure (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let segmentId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    // 1,000 customers: every 10th without consent, every 25th erased (every 50th both).
    segmentId = await seedAudience(database, { count: 1000, segmentName: "Supply" });
  }, 60_000);
  afterAll(async () => {
    await database.close();
  });

  it("counts members without the erased and eligible without the erased or unconsented", async () => {
    const supply = await segmentSupply(database.db, segmentId);
    expect(supply?.members).toBe(1000 - 40);
    expect(supply?.eligible).toBe(1000 - 100 - 40 + 20);
    expect(supply?.snapshots).toEqual([]);
    expect(await segmentSupply(database.db, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
  });

  it("reads the last 28 days of snapshots before the latest, oldest first", async () => {
    await database.query(
      `INSERT INTO segment_snapshots (segment_id, snapshot_date, size) VALUES ($1, '2026-01-01', 10), ($1, '2026-02-20', 900), ($1, '2026-03-01', 930), ($1, '2026-03-11', 960)`,
      [segmentId],
    );
    const supply = await segmentSupply(database.db, segmentId);
    expect(supply?.snapshots).toEqual([
      { day: "2026-02-20", size: 900 },
      { day: "2026-03-01", size: 930 },
      { day: "2026-03-11", size: 960 },
    ]);
  });

  it("answers the calculator from the segment: eligible per arm after the holdout, inflow and days", async () => {
    const p = await team.marketer.campaigns.power({ baseline: 0.1, mde: 0.02, mdeType: "absolute", arms: 2, segmentId, holdoutShare: 0.1, plannedDays: 28 });
    expect(p.perArm).toBe(3841);
    if (!p.segment) throw new Error("no segment plan");
    // 880 eligible, 792 in the test, 396 per arm; 60 new in 19 days, 880/960 of them eligible.
    expect(p.segment.eligible).toBe(880);
    expect(p.segment.availablePerArm).toBe(396);
    expect(p.segment.inflowPerDay).toBeCloseTo(60 / 19, 12);
    const perArmPerDay = ((60 / 19) * (880 / 960) * 0.9) / 2;
    expect(p.segment.horizon).toEqual({ kind: "days", days: Math.ceil((3841 - 396) / perArmPerDay) });
    expect(p.segment.fitsPlan).toBe(false);
    const plain = await team.marketer.campaigns.power({ baseline: 0.1, mde: 0.02, mdeType: "absolute", arms: 2 });
    expect(plain.segment).toBeNull();
  });

  it("names the segment field when the segment does not exist", async () => {
    const error = await team.marketer.campaigns.power({ baseline: 0.1, mde: 0.02, segmentId: "00000000-0000-4000-8000-000000000000" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("NOT_FOUND");
    expect((error as TRPCError).message).toBe("segmentId names no segment");
  });
});
