import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignReadout } from "../../server/campaigns/readout.service";
import type { Database } from "../../server/db/client";
import { BANK_CAMPAIGN_NAME, importBankMarketing } from "../../server/ingest/importers/bank-marketing";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { campaignInput, createTeam, pinSalt, seedAudience, type Team } from "./fixture";

const BANK_HEADER = '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"';
const bankRow = (y: string, month: string) => `58;"management";"married";"tertiary";"no";2143;"yes";"no";"unknown";5;"${month}";261;1;-1;0;"unknown";"${y}"`;

describe(`outcomes from events and single-arm imported read-outs (${engineUnderTest})`, () => {
  let database: Database;
  let team: Team;

  beforeAll(async () => {
    database = await openTestDatabase();
    team = await createTeam(database);
  });
  afterAll(async () => {
    await database.close();
  });

  it("counts a goal event only inside [exposure, exposure + attribution window), with revenue and the pre-period covariate", async () => {
    const segmentId = await seedAudience(database, { count: 9, segmentName: "Nine" });
    const created = await team.marketer.campaigns.create(campaignInput(segmentId, { holdoutShare: 0, attributionDays: 7 }));
    await pinSalt(database, created.id);
    await team.marketer.campaigns.submit({ id: created.id });
    await team.manager.campaigns.approve({ id: created.id });
    const [exposure] = await database.query<{ at: string }>(`SELECT min(exposed_at)::text AS at FROM assignments WHERE campaign_id = $1`, [created.id]);
    const at = exposure?.at ?? "";
    // 1: inside the window; 2: before exposure (pre-period spend only); 3: after the window; 4: renewal (not this goal).
    await database.query(
      `INSERT INTO events (source, external_event_id, customer_id, type, occurred_at, amount_cents) VALUES
        ('t', 'e1', 1, 'purchase', $1::timestamptz + interval '2 days', 4990),
        ('t', 'e1b', 1, 'purchase', $1::timestamptz + interval '3 days', 1000),
        ('t', 'e2', 2, 'purchase', $1::timestamptz - interval '10 days', 7000),
        ('t', 'e3', 3, 'purchase', $1::timestamptz + interval '8 days', 9900),
        ('t', 'e4', 4, 'renew', $1::timestamptz + interval '1 day', 2000)`,
      [at],
    );
    const refreshed = await team.marketer.campaigns.refreshOutcomes({ id: created.id });
    expect(refreshed.outcomes).toBe(9);
    const rows = await database.query<{ customer_id: string | number; converted: boolean; revenue_cents: string | number; pre_period_value: number }>(
      `SELECT customer_id, converted, revenue_cents, pre_period_value FROM outcomes WHERE campaign_id = $1 AND customer_id IN (1, 2, 3, 4) ORDER BY customer_id`,
      [created.id],
    );
    expect(rows.map((r) => [Number(r.customer_id), r.converted, Number(r.revenue_cents), Number(r.pre_period_value)])).toEqual([
      [1, true, 5990, 0],
      [2, false, 0, 70],
      [3, false, 0, 0],
      [4, false, 0, 0],
    ]);
  });

  it("reads out the Bank Marketing campaign as one uncontrolled arm: rates, no causal lift", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bank-"));
    const file = path.join(dir, "bank.csv");
    fs.writeFileSync(file, [BANK_HEADER, bankRow("yes", "may"), bankRow("no", "may"), bankRow("no", "jun"), bankRow("yes", "jun")].join("\n") + "\n");
    await importBankMarketing(database.db, file);
    fs.rmSync(dir, { recursive: true, force: true });
    const [campaign] = await database.query<{ id: string }>(`SELECT id FROM campaigns WHERE name = $1`, [BANK_CAMPAIGN_NAME]);
    const r = await campaignReadout(database.db, campaign?.id ?? "");
    expect(r.campaign.origin).toBe("imported");
    expect(r.arms.map((a) => [a.key, a.exposures, a.conversions])).toEqual([["contacted", 4, 2]]);
    expect(r.comparisons).toEqual([]);
    expect(r.srm.defined).toBe(false);
    expect(r.verdict).toEqual({ kind: "no_control", arms: 1 });
    await expect(team.manager.campaigns.approve({ id: campaign?.id ?? "" })).rejects.toThrow("read-only");
  });

  it("says how many more customers and days an undecided test needs", async () => {
    const segmentId = await seedAudience(database, { count: 400, firstId: 1000, segmentName: "Four hundred" });
    const created = await team.marketer.campaigns.create(campaignInput(segmentId, { name: "Small test", holdoutShare: 0, startsAt: new Date("2026-01-01T00:00:00Z"), endsAt: new Date("2026-12-31T00:00:00Z") }));
    await pinSalt(database, created.id);
    await team.marketer.campaigns.submit({ id: created.id });
    await team.manager.campaigns.approve({ id: created.id });
    // Pretend it launched 10 days ago, and give both arms near-identical outcomes.
    await database.query(`UPDATE campaigns SET starts_at = now() - interval '10 days' WHERE id = $1`, [created.id]);
    await database.query(
      `INSERT INTO outcomes (campaign_id, customer_id, variant_id, converted, observed_at)
       SELECT campaign_id, customer_id, variant_id, customer_id % 7 = 0, exposed_at FROM assignments WHERE campaign_id = $1`,
      [created.id],
    );
    const r = await campaignReadout(database.db, created.id);
    if (r.verdict.kind !== "undecided") throw new Error(`expected undecided, got ${r.verdict.kind}`);
    expect(r.verdict.requiredPerArm).toBeGreaterThan(r.verdict.currentPerArm);
    expect(r.verdict.daysNeeded).toBeGreaterThan(0);
    // days = (required − current) / (assigned per arm per day over the 10 days so far)
    const perArmPerDay = r.arms.reduce((s, a) => s + a.exposures, 0) / 2 / 10;
    expect(r.verdict.daysNeeded).toBe(Math.ceil(((r.verdict.requiredPerArm ?? 0) - r.verdict.currentPerArm) / perArmPerDay));
  });
});
