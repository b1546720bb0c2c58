/**
 * `npm run bench -- campaigns [--customers N] [--repeat R] [--engine postgres|pglite]`
 * In a fresh database (Postgres by default): N customers in one segment, five overlapping other
 * segments, a running 3-arm campaign with a 10% holdout.
 *  - assignment: the app's path (SHA-256 hash per customer in Node, batched INSERT ... unnest) in
 *    customers/s, against a plain INSERT ... SELECT of the same rows (the database's floor);
 *  - results: the whole results-page read-out (arms, comparisons, SRM, timeline, segment
 *    breakdown), p50/p95, with and without CUPED.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { assignAudience } from "../server/campaigns/assignment.service";
import { insertCampaign, listVariants, replaceVariants } from "../server/campaigns/campaigns.repo";
import { armAggregates, covariateMoments, covariateRows, dailyCounts, segmentArmCounts } from "../server/campaigns/readout.repo";
import { campaignReadout } from "../server/campaigns/readout.service";
import type { Database } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { freshDatabase } from "./support/fresh-database";

const FlagsSchema = z.object({
  customers: z.coerce.number().int().min(1000).max(2_000_000).default(100_000),
  repeat: z.coerce.number().int().min(1).max(50).default(5),
  engine: z.enum(["postgres", "pglite"]).default("postgres"),
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);

async function generate(database: Database, n: number): Promise<string> {
  await database.query(`
    INSERT INTO customers (external_id, email, marketing_consent)
    SELECT 'C' || lpad(g::text, 8, '0'), 'u' || g || '@example.com', abs(hashint4(g + 6)) % 10 <> 0
    FROM generate_series(1, ${n}) g`);
  const [segment] = await database.query<{ id: string }>(`INSERT INTO segments (name, kind, definition) VALUES ('bench audience', 'rule', '{}'::jsonb) RETURNING id`);
  await database.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT $1::uuid, id FROM customers`, [segment?.id]);
  for (let s = 1; s <= 5; s++) {
    const [other] = await database.query<{ id: string }>(`INSERT INTO segments (name, kind, definition) VALUES ($1, 'rule', '{}'::jsonb) RETURNING id`, [`bench slice ${s}`]);
    await database.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT $1::uuid, id FROM customers WHERE abs(hashint4(id::int * ${s + 11})) % 10 < 3`, [other?.id]);
  }
  await database.query("VACUUM ANALYZE");
  return segment?.id ?? "";
}

async function newCampaign(database: Database, segmentId: string, name: string) {
  const campaign = await insertCampaign(database.db, {
    name,
    goal: "first_purchase",
    channel: "email",
    segmentId,
    status: "running",
    allocation: "fixed",
    holdoutShare: 0.1,
    salt: `bench-${name}`,
    attributionDays: 14,
    startsAt: new Date(Date.now() - 7 * 86_400_000),
    endsAt: new Date(Date.now() + 21 * 86_400_000),
  });
  if (!campaign) throw new Error("campaign insert failed");
  const variants = await replaceVariants(database.db, campaign.id, [
    { key: "control", name: "Control", isControl: true, weight: 1, message: null, couponPercentOff: null, offerProductId: null },
    { key: "t10", name: "10% off", isControl: false, weight: 1, message: "10% off", couponPercentOff: 10, offerProductId: null },
    { key: "t20", name: "20% off", isControl: false, weight: 1, message: "20% off", couponPercentOff: 20, offerProductId: null },
  ]);
  return { campaign, variants };
}

export default async function campaigns(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { customers: { type: "string" }, repeat: { type: "string" }, engine: { type: "string" }, verbose: { type: "boolean" } } });
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench campaigns: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  const verbose = values.verbose === true;
  const fresh = await freshDatabase(flags.engine, "campaigns", { max: 4 });
  const { database } = fresh;
  try {
    await migrate(database);
    const segmentId = await generate(database, flags.customers);
    const { campaign } = await newCampaign(database, segmentId, "bench campaign");
    const { campaign: mirror } = await newCampaign(database, segmentId, "bench reference");
    const mirrorVariants = await listVariants(database.db, mirror.id);
    const variants = await listVariants(database.db, campaign.id);

    const ours: number[] = [];
    const reference: number[] = [];
    let assigned = 0;
    for (let r = 0; r < flags.repeat; r++) {
      await database.query(`DELETE FROM assignments`);
      const started = performance.now();
      const result = await assignAudience(database.db, campaign, variants);
      ours.push((performance.now() - started) / 1000);
      assigned = result.assigned;
      // Reference: the same rows written by one INSERT ... SELECT inside the database (no hashing,
      // no round trips): the floor any assignment path could reach.
      const refStarted = performance.now();
      await database.query(
        `INSERT INTO assignments (campaign_id, customer_id, variant_id, is_holdout, assigned_at, exposed_at, detail)
         SELECT $1::uuid, a.customer_id, m.id, a.is_holdout, a.assigned_at, a.exposed_at, a.detail
         FROM assignments a LEFT JOIN campaign_variants v ON v.id = a.variant_id
         LEFT JOIN campaign_variants m ON m.campaign_id = $1::uuid AND m.key = v.key
         WHERE a.campaign_id = $2::uuid`,
        [mirror.id, campaign.id],
      );
      reference.push((performance.now() - refStarted) / 1000);
      await database.query(`DELETE FROM assignments WHERE campaign_id = $1`, [mirror.id]);
    }
    void mirrorVariants;
    const oursS = median(ours);
    const refS = median(reference);
    console.log(
      `bench campaigns-assign customers=${flags.customers} assigned=${assigned} ours_s=${oursS.toFixed(3)} customers_per_s=${Math.round(flags.customers / oursS)} insert_select_s=${refS.toFixed(3)} ratio=${(oursS / refS).toFixed(2)} engine=${flags.engine}`,
    );

    // Outcomes for everyone assigned, spread over 14 days, with a pre-period covariate.
    await database.query(
      `INSERT INTO outcomes (campaign_id, customer_id, variant_id, converted, revenue_cents, pre_period_value, observed_at)
       SELECT a.campaign_id, a.customer_id, a.variant_id,
              abs(hashint4(a.customer_id::int * 7)) % 100 < (CASE v.key WHEN 't20' THEN 9 WHEN 't10' THEN 7 ELSE 6 END),
              CASE WHEN abs(hashint4(a.customer_id::int * 7)) % 100 < 6 THEN 19900 ELSE 0 END,
              (abs(hashint4(a.customer_id::int * 13)) % 50000) / 100.0,
              a.exposed_at + (abs(hashint4(a.customer_id::int * 3)) % 14) * interval '1 day'
       FROM assignments a LEFT JOIN campaign_variants v ON v.id = a.variant_id WHERE a.campaign_id = $1::uuid`,
      [campaign.id],
    );
    await database.query("VACUUM ANALYZE");
    if (verbose) {
      // Where the read-out's time goes, query by query (each run alone, warmed once).
      const parts: Array<[string, () => Promise<unknown>]> = [
        ["arm-aggregates", () => armAggregates(database.db, campaign.id, { attributionDays: 14, winsorise: "p99" })],
        ["daily-counts", () => dailyCounts(database.db, campaign.id, { attributionDays: 14, capCents: null })],
        ["segment-arm-counts", () => segmentArmCounts(database.db, campaign.id)],
        ["covariate-moments", () => covariateMoments(database.db, campaign.id, "conversion")],
        // The rows the read-out used to pull into Node for CUPED: the cost the moments avoid.
        ["covariate-rows (reference)", () => covariateRows(database.db, campaign.id)],
      ];
      for (const [label, run] of parts) {
        await run();
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const started = performance.now();
          await run();
          times.push(performance.now() - started);
        }
        console.error(`  ${label}: median_ms=${median(times).toFixed(1)}`);
      }
    }
    for (const cuped of [false, true]) {
      await campaignReadout(database.db, campaign.id, { cuped });
      const times: number[] = [];
      for (let i = 0; i < Math.max(10, flags.repeat * 4); i++) {
        const started = performance.now();
        await campaignReadout(database.db, campaign.id, { cuped });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(
        `bench campaigns-results${cuped ? "-cuped" : ""} p50_ms=${percentile(times, 0.5).toFixed(1)} p95_ms=${percentile(times, 0.95).toFixed(1)} customers=${flags.customers} assigned=${assigned} segments=5 samples=${times.length} engine=${flags.engine}`,
      );
    }
  } finally {
    await fresh.dispose();
  }
}
