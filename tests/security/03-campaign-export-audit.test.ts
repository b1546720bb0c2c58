import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, seedAudience, type Team } from "../campaigns/fixture";

/** Issue 13, finding 3: campaign audience exports were not audited (segment exports were). */
describe(`finding 03: every campaign audience export is audited with campaign, format and row count (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let campaignId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    // 200 members: every 10th without consent, every 25th erased → 176 contactable.
    const segmentId = await seedAudience(database, { count: 200, segmentName: "Two hundred" });
    const campaign = await team.marketer.campaigns.create(campaignInput(segmentId, { name: "Audited export", holdoutShare: 0 }));
    campaignId = campaign.id;
    await team.marketer.campaigns.submit({ id: campaignId });
    await team.manager.campaigns.approve({ id: campaignId });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("writes one audit entry per export, naming the actor, the campaign, the format and the rows", async () => {
    const csv = await team.marketer.campaigns.exportAudience({ id: campaignId, format: "csv" });
    const json = await team.admin.campaigns.exportAudience({ id: campaignId, format: "json" });
    expect(csv.rows).toBe(176);
    expect(json.rows).toBe(176);
    const audits = await database.query<{ actor_email: string; target: string; detail: Record<string, unknown> }>(
      `SELECT actor_email, target, detail FROM audit_log WHERE action = 'campaigns.export' ORDER BY id`,
    );
    expect(audits).toHaveLength(2);
    expect(audits[0]).toMatchObject({ actor_email: "mk@example.com", target: "Audited export", detail: { id: campaignId, format: "csv", rows: 176, personalData: false } });
    expect(audits[1]).toMatchObject({ actor_email: "ad@example.com", target: "Audited export", detail: { id: campaignId, format: "json", rows: 176, personalData: false } });
  });
});
