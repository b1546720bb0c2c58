import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { createSegment, SYSTEM_ACTOR } from "../../server/segments/segments.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, refusal, type Team } from "../campaigns/fixture";

const everyone = { kind: "rule" as const, rule: { kind: "group" as const, combinator: "and" as const, children: [] } };

/**
 * Issue 13, finding 18: the workspace is shared (every marketer sees and may change every
 * marketer's segments), but system starter segments are the admin's, and a draft campaign is
 * edited only by its author or an admin.
 */
describe(`finding 18: system starter segments are admin-only, a draft campaign is its author's (or an admin's) (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let starterId = "";
  let colleagueSegmentId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    await database.query(`INSERT INTO customers (id, external_id, marketing_consent) SELECT g, 'cust-' || g, true FROM generate_series(1, 20) g`);
    await database.query(`SELECT setval(pg_get_serial_sequence('customers', 'id'), 20)`);
    starterId = (await createSegment(database.db, SYSTEM_ACTOR, { name: "RFM: Champions", description: "Starter segment", definition: everyone })).id;
    colleagueSegmentId = (await team.otherMarketer.segments.create({ name: "Colleague's list", definition: everyone })).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("a marketer cannot edit or archive a system starter segment; an admin can", async () => {
    const edit = await refusal(team.marketer.segments.update({ id: starterId, name: "Mine now" }));
    expect(edit).toMatchObject({ code: "FORBIDDEN", field: "id", message: 'Segment "RFM: Champions" is a system starter segment; only an admin can change or archive it' });
    const archive = await refusal(team.marketer.segments.archive({ id: starterId }));
    expect(archive).toMatchObject({ code: "FORBIDDEN", field: "id" });
    const [row] = await database.query<{ name: string; archived_at: Date | null }>(`SELECT name, archived_at FROM segments WHERE id = $1`, [starterId]);
    expect(row).toEqual({ name: "RFM: Champions", archived_at: null });
    expect((await team.admin.segments.update({ id: starterId, description: "Kept by the admin" }))?.description).toBe("Kept by the admin");
    // Marketers still read, refresh and target it.
    expect((await team.marketer.segments.get({ id: starterId })).name).toBe("RFM: Champions");
    await team.marketer.segments.refresh({ id: starterId });
  });

  it("shared workspace: a marketer may change a colleague's segment", async () => {
    expect((await team.marketer.segments.update({ id: colleagueSegmentId, description: "shared" }))?.description).toBe("shared");
  });

  it("a draft campaign is edited (and submitted) only by its author or an admin", async () => {
    const draft = await team.marketer.campaigns.create(campaignInput(starterId, { name: "Author's draft" }));
    const byColleague = await refusal(team.otherMarketer.campaigns.update({ id: draft.id, campaign: campaignInput(starterId, { name: "Hijacked" }) }));
    expect(byColleague).toMatchObject({ code: "FORBIDDEN", field: "id", message: "Only the campaign's author or an admin can edit this draft" });
    const submitByColleague = await refusal(team.otherMarketer.campaigns.submit({ id: draft.id }));
    expect(submitByColleague).toMatchObject({ code: "FORBIDDEN", field: "id", message: "Only the campaign's author or an admin can submit this draft" });
    expect((await team.marketer.campaigns.get({ id: draft.id })).name).toBe("Author's draft");
    expect((await team.marketer.campaigns.update({ id: draft.id, campaign: campaignInput(starterId, { name: "Author's draft v2" }) })).name).toBe("Author's draft v2");
    expect((await team.admin.campaigns.update({ id: draft.id, campaign: campaignInput(starterId, { name: "Fixed by admin" }) })).name).toBe("Fixed by admin");
    const audits = await database.query<{ action: string; actor_email: string }>(`SELECT action, actor_email FROM audit_log WHERE action = 'campaigns.update' ORDER BY id`);
    expect(audits).toEqual([
      { action: "campaigns.update", actor_email: "mk@example.com" },
      { action: "campaigns.update", actor_email: "ad@example.com" },
    ]);
  });

  it("a draft is deleted only by its author or an admin, a launched campaign never, and the deletion is audited", async () => {
    const draft = await team.marketer.campaigns.create(campaignInput(starterId, { name: "Short-lived draft" }));
    expect(await refusal(team.otherMarketer.campaigns.deleteDraft({ id: draft.id }))).toMatchObject({ code: "FORBIDDEN", message: "Only the campaign's author or an admin can delete this draft" });
    expect(await team.marketer.campaigns.deleteDraft({ id: draft.id })).toEqual({ id: draft.id, name: "Short-lived draft" });
    expect(await refusal(team.marketer.campaigns.get({ id: draft.id }))).toMatchObject({ code: "NOT_FOUND" });
    const variants = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign_variants WHERE campaign_id = $1`, [draft.id]);
    expect(variants[0]?.n).toBe(0);
    const submitted = await team.marketer.campaigns.create(campaignInput(starterId, { name: "Submitted draft" }));
    await team.marketer.campaigns.submit({ id: submitted.id });
    expect(await refusal(team.admin.campaigns.deleteDraft({ id: submitted.id }))).toMatchObject({ code: "PRECONDITION_FAILED", field: "status" });
    const audits = await database.query<{ target: string }>(`SELECT target FROM audit_log WHERE action = 'campaigns.delete'`);
    expect(audits).toEqual([{ target: "Short-lived draft" }]);
  });
});
