import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CAMPAIGN_NAME, ensureDemoCampaign } from "../../server/campaigns/demo-campaign.service";
import { campaignReadout } from "../../server/campaigns/readout.service";
import type { Database } from "../../server/db/client";
import { auditLog, campaigns } from "../../server/db/schema";
import { DEMO_STAFF, ensureDemoStaff } from "../../server/staff/seed.service";
import { HIGH_CHURN_STARTER_NAME } from "../../lib/shared/starter-names";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { seedAudience } from "./fixture";

describe(`the demo's finished experiment (${engineUnderTest})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    await ensureDemoStaff(database.db);
    await seedAudience(database, { count: 600, segmentName: HIGH_CHURN_STARTER_NAME });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("is built by the demo marketer, approved by the demo manager, answered by the simulated channel and completed", async () => {
    const before = Date.now();
    const result = await ensureDemoCampaign(database.db);
    // 600 seeded: every 10th has no consent and every 25th is erased (every 50th is both).
    expect(result).toEqual({ name: DEMO_CAMPAIGN_NAME, assigned: 600 - 60 - 24 + 12 });
    const [campaign] = await database.db.select().from(campaigns).where(eq(campaigns.name, DEMO_CAMPAIGN_NAME));
    expect(campaign?.status).toBe("completed");
    // Its whole window, answers included, lies in the past of the day it was made.
    const daysAgo = (date: Date | null | undefined) => (before - (date?.getTime() ?? before)) / 86_400_000;
    expect(daysAgo(campaign?.startsAt)).toBeCloseTo(21, 2);
    expect(daysAgo(campaign?.endsAt)).toBeCloseTo(7, 2);
    const [latest] = await database.query<{ exposed: Date | string; observed: Date | string }>(
      `SELECT (SELECT max(exposed_at) FROM assignments) AS exposed, (SELECT max(observed_at) FROM outcomes) AS observed`,
    );
    expect(new Date(latest!.exposed).getTime()).toBeLessThan(before);
    expect(new Date(latest!.observed).getTime()).toBeLessThan(before);

    const readout = await campaignReadout(database.db, campaign!.id);
    expect(readout.metric).toBe("revenue");
    expect(readout.arms.map((a) => a.key).sort()).toEqual(["control", "coupon-20", "holdout", "reminder"].sort());
    expect(readout.arms.reduce((sum, arm) => sum + arm.exposures, 0)).toBe(result!.assigned);
    expect(readout.arms.reduce((sum, arm) => sum + arm.conversions, 0)).toBeGreaterThan(0);
    expect(readout.comparisons).toHaveLength(2);

    const actions = await database.db.select({ action: auditLog.action, actor: auditLog.actorEmail }).from(auditLog).where(like(auditLog.action, "campaigns.%"));
    const by = (role: string) => DEMO_STAFF.find((s) => s.role === role)?.email;
    expect(actions).toEqual(
      expect.arrayContaining([
        { action: "campaigns.create", actor: by("marketer") },
        { action: "campaigns.submit", actor: by("marketer") },
        { action: "campaigns.approve", actor: by("manager") },
        { action: "campaigns.simulate", actor: by("marketer") },
        { action: "campaigns.complete", actor: by("manager") },
      ]),
    );
  });

  it("is made once: nothing happens when any campaign exists", async () => {
    expect(await ensureDemoCampaign(database.db)).toBeNull();
    expect(await database.db.select().from(campaigns)).toHaveLength(1);
  });
});
