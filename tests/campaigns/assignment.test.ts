import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cumulativeBounds, pickArm, uniformFor } from "../../server/campaigns/hash-assign";
import type { Database } from "../../server/db/client";
import { sampleRatioMismatch } from "../../server/stats";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, pinSalt, seedAudience, type Team } from "./fixture";

const N = 100_000;

describe("hash assignment (pure)", () => {
  it("is a fixed function of salt and customer id: same value in every process and release", () => {
    // SHA-256("fixed-salt:42"), first 64 bits / 2^64: pinned so a change of hash is caught.
    expect(uniformFor("fixed-salt", 42)).toBe(0.801518268333469);
    expect(uniformFor("fixed-salt", 42)).toBe(uniformFor("fixed-salt", 42));
    expect(uniformFor("other-salt", 42)).not.toBe(uniformFor("fixed-salt", 42));
  });

  it("sends the holdout share first and splits the rest by the cumulative weights", () => {
    const arms = [
      { id: "a", weight: 1 },
      { id: "b", weight: 3 },
    ];
    const bounds = cumulativeBounds(arms);
    expect(bounds).toEqual([0.25, 1]);
    expect(pickArm(0.05, 0.1, arms, bounds)).toBeNull();
    expect(pickArm(0.1 + 0.9 * 0.2, 0.1, arms, bounds)).toBe("a");
    expect(pickArm(0.1 + 0.9 * 0.3, 0.1, arms, bounds)).toBe("b");
    expect(pickArm(0.999999, 0.1, arms, bounds)).toBe("b");
  });

  it(`balances ${N.toLocaleString("en")} customers: SRM p > 0.001 for 10% holdout and 1:1:2 arms`, () => {
    const arms = [
      { id: "a", weight: 1 },
      { id: "b", weight: 1 },
      { id: "c", weight: 2 },
    ];
    const bounds = cumulativeBounds(arms);
    const counts = new Map<string | null, number>();
    for (let id = 1; id <= N; id++) {
      const arm = pickArm(uniformFor("balance-salt", id), 0.1, arms, bounds);
      counts.set(arm, (counts.get(arm) ?? 0) + 1);
    }
    const srm = sampleRatioMismatch([counts.get(null) ?? 0, counts.get("a") ?? 0, counts.get("b") ?? 0, counts.get("c") ?? 0], [0.1, 0.225, 0.225, 0.45]);
    if (!srm.defined) throw new Error(srm.reason);
    expect(srm.pValue).toBeGreaterThan(0.001);
  });
});

describe(`assignment of ${N.toLocaleString("en")} customers in the database (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let segmentId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    segmentId = await seedAudience(database, { count: N, segmentName: "Big" });
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it("assigns the eligible audience balanced (SRM p > 0.001) and identically on a re-run", async () => {
    const created = await team.marketer.campaigns.create(campaignInput(segmentId, { holdoutShare: 0.1 }));
    await pinSalt(database, created.id);
    await team.marketer.campaigns.submit({ id: created.id });
    const launched = await team.manager.campaigns.approve({ id: created.id });
    const eligible = N - N / 10 - N / 25 + N / 50;
    expect(launched.assignment?.assigned).toBe(eligible);
    const results = await team.manager.campaigns.results({ id: created.id, cuped: false });
    if (!results.srm.defined) throw new Error(results.srm.reason);
    expect(results.srm.pValue).toBeGreaterThan(0.001);

    const before = await database.query<{ customer_id: string | number; key: string | null }>(
      `SELECT a.customer_id, v.key FROM assignments a LEFT JOIN campaign_variants v ON v.id = a.variant_id WHERE a.campaign_id = $1 ORDER BY 1`,
      [created.id],
    );
    // Wipe and assign again from scratch: every customer lands in the same arm.
    await database.query(`DELETE FROM assignments WHERE campaign_id = $1`, [created.id]);
    const { assignAudience } = await import("../../server/campaigns/assignment.service");
    const { findCampaign, listVariants } = await import("../../server/campaigns/campaigns.repo");
    const campaign = await findCampaign(database.db, created.id);
    if (!campaign) throw new Error("campaign vanished");
    await assignAudience(database.db, campaign, await listVariants(database.db, created.id));
    const after = await database.query<{ customer_id: string | number; key: string | null }>(
      `SELECT a.customer_id, v.key FROM assignments a LEFT JOIN campaign_variants v ON v.id = a.variant_id WHERE a.campaign_id = $1 ORDER BY 1`,
      [created.id],
    );
    expect(after.length).toBe(before.length);
    expect(after.every((row, i) => String(row.customer_id) === String(before[i]?.customer_id) && row.key === before[i]?.key)).toBe(true);
    // And it matches the pure function computed here, in this process.
    const salt = campaign.salt;
    const variants = await listVariants(database.db, created.id);
    const bounds = cumulativeBounds(variants.map((v) => ({ id: v.key, weight: v.weight })));
    const mismatches = after.filter((row) => pickArm(uniformFor(salt, Number(row.customer_id)), 0.1, variants.map((v) => ({ id: v.key, weight: v.weight })), bounds) !== row.key);
    expect(mismatches).toHaveLength(0);
  }, 120_000);
});
