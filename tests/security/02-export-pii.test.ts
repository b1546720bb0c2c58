import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS } from "../../lib/shared/permissions";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, refusal, type Team } from "../campaigns/fixture";

/**
 * Issue 13, finding 2: a marketer (audience.export, no customers.pii) exported clear names, e-mails
 * and phones, a manual segment of exactly 50 hand-picked ids passed the minimum, and a campaign
 * audience export had no minimum at all (a one-person campaign exported that person).
 */
describe(`finding 02: exports carry personal data only for audience.export_pii, and every export path has the minimum size (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let sixty = "";

  const emailsIn = (text: string) => (text.match(/p\d+@example\.com/g) ?? []).length;

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    // 1-60 consenting, with personal data; 61-65 without consent; 66-70 erased (tombstones).
    await database.query(
      `INSERT INTO customers (id, external_id, display_name, email, phone, region, acquisition_channel, marketing_consent, erased_at)
       SELECT g, 'cust-' || g, 'Person ' || g, 'p' || g || '@example.com', '+86 138 0000 ' || lpad(g::text, 4, '0'), 'Shanghai', 'search',
              g <= 60 OR g > 65, CASE WHEN g > 65 THEN now() ELSE NULL END
       FROM generate_series(1, 70) g`,
    );
    await database.query(`SELECT setval(pg_get_serial_sequence('customers', 'id'), 70)`);
    const segment = await team.marketer.segments.create({ name: "Hand-picked 60", definition: { kind: "manual", customerIds: Array.from({ length: 60 }, (_, i) => i + 1) } });
    sixty = segment.id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("no role holds audience.export_pii by default, not even the admin", () => {
    expect(PERMISSIONS["audience.export_pii"]).toEqual([]);
  });

  it("a marketer's segment export has ids and non-personal columns only", async () => {
    const file = await team.marketer.segments.export({ id: sixty });
    const lines = file.csv.trim().split("\r\n");
    expect(lines[0]).toBe("external_id,region,acquisition_channel");
    expect(lines).toHaveLength(61);
    expect(emailsIn(file.csv)).toBe(0);
    expect(file.csv).not.toContain("Person ");
    expect(file.csv).not.toContain("+86");
    const [audit] = await database.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'segments.export' ORDER BY id DESC LIMIT 1`);
    expect(audit?.detail).toMatchObject({ exported: 60, personalData: false });
  });

  it("an admin (who sees personal data on screen) exports no clear personal data either", async () => {
    const file = await team.admin.segments.export({ id: sixty });
    expect(emailsIn(file.csv)).toBe(0);
    expect(file.csv.split("\r\n")[0]).toBe("external_id,region,acquisition_channel");
  });

  it("a manual segment counts only members that exist, consent and are not erased", async () => {
    // 45 real consenting ids, 5 without consent, 5 erased and 5 that name no customer: 60 ids listed, 45 count.
    const ids = [...Array.from({ length: 45 }, (_, i) => i + 1), 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 900001, 900002, 900003, 900004, 900005];
    const padded = await team.marketer.segments.create({ name: "Padded list", definition: { kind: "manual", customerIds: ids } });
    const refused = await refusal(team.marketer.segments.export({ id: padded.id }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/^This audience has 45 contactable customers .*exports need at least 50$/);
  });

  it("a campaign audience export is refused below the minimum (a one-person campaign) and the refusal is audited", async () => {
    const one = await team.marketer.segments.create({ name: "Just one", definition: { kind: "manual", customerIds: [7] } });
    const campaign = await team.marketer.campaigns.create(campaignInput(one.id, { name: "One person", holdoutShare: 0 }));
    await team.marketer.campaigns.submit({ id: campaign.id });
    await team.manager.campaigns.approve({ id: campaign.id });
    for (const format of ["csv", "json"] as const) {
      const refused = await refusal(team.marketer.campaigns.exportAudience({ id: campaign.id, format }));
      expect(refused).toMatchObject({ code: "PRECONDITION_FAILED", field: "id" });
      expect(refused.message).toBe("This campaign's audience has 1 contactable customers; exports need at least 50");
    }
    const audits = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'campaigns.export_refused'`);
    expect(audits[0]?.n).toBe(2);
  });

  it("a marketer's campaign audience export (CSV and JSON) carries no name, e-mail or phone", async () => {
    const campaign = await team.marketer.campaigns.create(campaignInput(sixty, { name: "Sixty", holdoutShare: 0 }));
    await team.marketer.campaigns.submit({ id: campaign.id });
    await team.manager.campaigns.approve({ id: campaign.id });
    const csv = await team.marketer.campaigns.exportAudience({ id: campaign.id, format: "csv" });
    expect(csv.body.split("\r\n")[0]).toBe("variant,variant_name,customer_id,message,coupon_percent_off,offer_product_id");
    expect(csv.rows).toBe(60);
    expect(emailsIn(csv.body)).toBe(0);
    const json = await team.marketer.campaigns.exportAudience({ id: campaign.id, format: "json" });
    expect(emailsIn(json.body)).toBe(0);
    expect(json.body).not.toContain("Person ");
    expect(json.body).not.toMatch(/"(displayName|email|phone)":/);
  });

  it("a deployment that grants audience.export_pii gets the personal columns, and the audit says so", async () => {
    const matrix = PERMISSIONS as unknown as Record<string, readonly string[]>;
    const before = matrix["audience.export_pii"];
    matrix["audience.export_pii"] = ["admin"];
    try {
      const file = await team.admin.segments.export({ id: sixty });
      expect(file.csv.split("\r\n")[0]).toBe("external_id,display_name,email,phone,region,acquisition_channel");
      expect(emailsIn(file.csv)).toBe(60);
      const [audit] = await database.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'segments.export' ORDER BY id DESC LIMIT 1`);
      expect(audit?.detail).toMatchObject({ exported: 60, personalData: true });
      // The marketer still does not hold it.
      expect(emailsIn((await team.marketer.segments.export({ id: sixty })).csv)).toBe(0);
    } finally {
      matrix["audience.export_pii"] = before ?? [];
    }
  });
});
