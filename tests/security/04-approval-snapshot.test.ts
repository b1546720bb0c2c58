import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, refusal, type Team } from "../campaigns/fixture";

const shanghai = { kind: "rule" as const, rule: { kind: "group" as const, combinator: "and" as const, children: [{ kind: "attribute" as const, field: "region" as const, op: "eq" as const, value: "Shanghai" }] } };
const everyone = { kind: "rule" as const, rule: { kind: "group" as const, combinator: "and" as const, children: [] } };

/**
 * Issue 13, finding 4: approval assigned whoever was in the segment at that moment (submitted on
 * 1,077 customers, widened to everyone, approval assigned 4,029). The segment's definition and
 * size are now snapshotted at submit, shown to the approver, and approval is refused if either changed.
 */
describe(`finding 04: approval launches the audience that was submitted, or is refused (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;

  const assignments = async (campaignId: string) =>
    Number((await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM assignments WHERE campaign_id = $1`, [campaignId]))[0]?.n ?? 0);

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    // 100 in Shanghai, 300 elsewhere; everyone consents.
    await database.query(
      `INSERT INTO customers (id, external_id, region, marketing_consent)
       SELECT g, 'cust-' || g, CASE WHEN g <= 100 THEN 'Shanghai' ELSE 'Beijing' END, true FROM generate_series(1, 400) g`,
    );
    await database.query(`SELECT setval(pg_get_serial_sequence('customers', 'id'), 400)`);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("widening the segment after submission: approval refused naming the change, nothing assigned", async () => {
    const segment = await team.marketer.segments.create({ name: "Shanghai", definition: shanghai });
    expect(segment.memberCount).toBe(100);
    const campaign = await team.marketer.campaigns.create(campaignInput(segment.id, { name: "Swap attempt", holdoutShare: 0 }));
    const submitted = await team.marketer.campaigns.submit({ id: campaign.id });
    expect(submitted).toMatchObject({ submittedSegmentSize: 100, submittedSegmentDefinition: shanghai });
    // The approver sees the snapshot next to the segment as it is now.
    const before = await team.manager.campaigns.get({ id: campaign.id });
    expect(before.submittedSegment).toEqual({ definition: shanghai, size: 100, currentSize: 100, definitionChanged: false, sizeChanged: false, archived: false });

    await team.marketer.segments.update({ id: segment.id, definition: everyone });
    const seen = await team.manager.campaigns.get({ id: campaign.id });
    expect(seen.submittedSegment).toMatchObject({ size: 100, currentSize: 400, definitionChanged: true, sizeChanged: true });

    const refused = await refusal(team.manager.campaigns.approve({ id: campaign.id }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.field).toBe("segmentId");
    expect(refused.message).toBe(
      'Segment "Shanghai" changed since this campaign was submitted (its definition was edited; it had 100 members, it has 400 now); send the campaign back to draft and submit it again',
    );
    expect((await team.manager.campaigns.get({ id: campaign.id })).status).toBe("pending_approval");
    expect(await assignments(campaign.id)).toBe(0);

    // Sent back and resubmitted, the new audience is what the approver sees and launches.
    await team.manager.campaigns.reject({ id: campaign.id, note: "audience changed" });
    await team.marketer.campaigns.submit({ id: campaign.id });
    const approved = await team.manager.campaigns.approve({ id: campaign.id });
    expect(approved.assignment?.assigned).toBe(400);
  });

  it("a size change alone (members added by a refresh) is refused too", async () => {
    const segment = await team.marketer.segments.create({ name: "Shanghai again", definition: shanghai });
    const campaign = await team.marketer.campaigns.create(campaignInput(segment.id, { name: "Size drift", holdoutShare: 0 }));
    await team.marketer.campaigns.submit({ id: campaign.id });
    await database.query(`UPDATE customers SET region = 'Shanghai' WHERE id BETWEEN 101 AND 150`);
    await team.marketer.segments.refresh({ id: segment.id });
    const refused = await refusal(team.manager.campaigns.approve({ id: campaign.id }));
    expect(refused.message).toBe(
      'Segment "Shanghai again" changed since this campaign was submitted (it had 100 members, it has 150 now); send the campaign back to draft and submit it again',
    );
    expect(await assignments(campaign.id)).toBe(0);
    await database.query(`UPDATE customers SET region = 'Beijing' WHERE id BETWEEN 101 AND 150`);
  });

  it("an unchanged segment is approved and assigns the submitted audience", async () => {
    const segment = await team.marketer.segments.create({ name: "Shanghai stable", definition: shanghai });
    const campaign = await team.marketer.campaigns.create(campaignInput(segment.id, { name: "Honest", holdoutShare: 0 }));
    await team.marketer.campaigns.submit({ id: campaign.id });
    const approved = await team.manager.campaigns.approve({ id: campaign.id });
    expect(approved.status).toBe("running");
    expect(approved.assignment?.assigned).toBe(100);
    const [audit] = await database.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'campaigns.submit' AND target = 'Honest'`);
    expect(audit?.detail).toMatchObject({ segmentSize: 100 });
  });

  it("a segment archived after submission cannot be approved", async () => {
    const segment = await team.marketer.segments.create({ name: "Shanghai archived", definition: shanghai });
    const campaign = await team.marketer.campaigns.create(campaignInput(segment.id, { name: "Archived audience", holdoutShare: 0 }));
    await team.marketer.campaigns.submit({ id: campaign.id });
    await team.marketer.segments.archive({ id: segment.id });
    const refused = await refusal(team.manager.campaigns.approve({ id: campaign.id }));
    expect(refused.message).toBe('Segment "Shanghai archived" changed since this campaign was submitted (it was archived); send the campaign back to draft and submit it again');
  });
});
