import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { NON_PERSONAL_ATTRIBUTE_KEYS } from "../../server/customers/mask";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, type Caller, type Team } from "../campaigns/fixture";

const SECRET = "SECRET-NOTE-19";

/**
 * Issue 13, finding 19: free-form customer `attributes` (gender, disability, notes typed by an
 * importer or API client) went unmasked to every role. Roles without customers.pii now see only
 * the whitelisted non-personal keys, on every screen and export that carries attributes.
 */
describe(`finding 19: customer attributes are whitelisted for roles without customers.pii (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;
  let segmentId = "";
  let campaignId = "";

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
    const attributes = { dataset: "oulad", locale: "zh-CN", gender: "F", disability: "Y", notes: `${SECRET}: call her at +86 555 0101` };
    await database.query(
      `INSERT INTO customers (id, external_id, display_name, email, region, marketing_consent, attributes)
       SELECT g, 'cust-' || g, 'Person ' || g, 'p' || g || '@example.com', 'Shanghai', true, $1::jsonb FROM generate_series(1, 60) g`,
      [JSON.stringify(attributes)],
    );
    // A whitelisted key whose value is not a short plain value is withheld too.
    await database.query(`UPDATE customers SET attributes = attributes || $1::jsonb WHERE id = 2`, [JSON.stringify({ locale: { hidden: SECRET } })]);
    await database.query(`SELECT setval(pg_get_serial_sequence('customers', 'id'), 60)`);
    segmentId = (await team.marketer.segments.create({ name: "Sixty", definition: { kind: "manual", customerIds: Array.from({ length: 60 }, (_, i) => i + 1) } })).id;
    const campaign = await team.marketer.campaigns.create(campaignInput(segmentId, { name: "Sixty", holdoutShare: 0 }));
    campaignId = campaign.id;
    await team.marketer.campaigns.submit({ id: campaignId });
    await team.manager.campaigns.approve({ id: campaignId });
  });
  afterAll(async () => {
    await database?.close();
  });

  it("the whitelist is short and names no personal key", () => {
    expect([...NON_PERSONAL_ATTRIBUTE_KEYS].sort()).toEqual(["dataset", "declared_interests", "locale", "presentations"]);
  });

  for (const role of ["marketer", "manager"] as const) {
    it(`${role}: the profile shows whitelisted keys only and says how many were withheld`, async () => {
      const caller: Caller = team[role];
      const profile = await caller.customers.get({ id: 1 });
      expect(profile.customer.attributes).toEqual({ dataset: "oulad", locale: "zh-CN" });
      expect(profile.customer.attributesWithheld).toBe(3);
      expect(JSON.stringify(profile)).not.toContain(SECRET);
      const nested = await caller.customers.get({ id: 2 });
      expect(nested.customer.attributes).toEqual({ dataset: "oulad" });
      expect(nested.customer.attributesWithheld).toBe(4);
      expect(JSON.stringify(nested)).not.toContain(SECRET);
    });

    it(`${role}: no list, member page or export carries a withheld value`, async () => {
      const caller: Caller = team[role];
      const outputs: unknown[] = [await caller.customers.list({ pageSize: 100 }), await caller.segments.members({ id: segmentId, pageSize: 100 })];
      if (role === "marketer") {
        outputs.push(await caller.segments.export({ id: segmentId }));
        outputs.push(await caller.campaigns.exportAudience({ id: campaignId, format: "csv" }));
        outputs.push(await caller.campaigns.exportAudience({ id: campaignId, format: "json" }));
      }
      for (const output of outputs) expect(JSON.stringify(output)).not.toContain(SECRET);
    });
  }

  it("admin (customers.pii) sees every attribute", async () => {
    const profile = await team.admin.customers.get({ id: 1 });
    expect(profile.customer.attributes).toMatchObject({ gender: "F", disability: "Y", notes: expect.stringContaining(SECRET) });
    expect(profile.customer.attributesWithheld).toBe(0);
  });
});
