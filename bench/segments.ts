/**
 * `npm run bench -- segments [--customers N] [--days D] [--repeat R] [--without-covering-index] [--verbose]`
 * Loads the demo set into a fresh temporary Postgres database and refreshes features (not
 * timed), adds active churn, propensity and clustering runs' scores, then times:
 * - the builder's live count for representative rules (the same function the API calls),
 *   against a reference measured alongside: a plain COUNT(*) scan of customer_features;
 * - a full refresh of every segment (rules, all RFM presets, score deciles and tiers, clusters).
 * `--without-covering-index` drops events_type_occurred_at_customer_product_idx first, to measure
 * what that index buys behaviour conditions (index-only reads instead of a heap fetch per event).
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrate } from "../server/db/migrate";
import { loadDemo } from "../server/demo/load";
import { refreshFeatures } from "../server/features/refresh";
import { countDefinition } from "../server/segments/preview.service";
import { refreshAllSegments } from "../server/segments/refresh.job";
import { RFM_PRESET_NAMES } from "../lib/shared/rfm-presets";
import { ZSegmentDefinition, type SegmentDefinition } from "../server/segments/segments.schemas";
import { createSegment } from "../server/segments/segments.service";
import { createStaff } from "../server/staff/staff.service";
import { freshDatabase } from "./support/fresh-database";

const FlagsSchema = z.object({
  customers: z.coerce.number().int().min(1000).max(2_000_000).default(100_000),
  days: z.coerce.number().int().min(30).max(1500).default(180),
  repeat: z.coerce.number().int().min(1).max(100).default(10),
});

const END_AT = new Date("2026-01-01T00:00:00Z");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
}

function rules(category: string, productId: number, regions: string[]): Array<[string, SegmentDefinition]> {
  const rule = (children: unknown[], combinator: "and" | "or" = "and") => ZSegmentDefinition.parse({ kind: "rule", rule: { kind: "group", combinator, children } });
  return [
    ["attributes", rule([{ kind: "attribute", field: "region", op: "in", values: regions }, { kind: "attribute", field: "marketing_consent", op: "eq", value: true }])],
    ["rfm-champions", { kind: "rfm", preset: "champions" }],
    ["features", rule([{ kind: "feature", field: "completion_rate", op: "gte", value: 0.5 }, { kind: "feature", field: "sessions_30d", op: "between", min: 2, max: 40 }])],
    ["did-purchase-2x-90d", rule([{ kind: "behaviour", event: "purchase", minCount: 2, withinDays: 90 }])],
    ["did-view-category-3x-30d", rule([{ kind: "behaviour", event: "view", category, minCount: 3, withinDays: 30 }])],
    ["has-not-purchased-60d", rule([{ kind: "inactive", event: "purchase", sinceDays: 60 }, { kind: "purchased", productId }])],
    ["score-and-cluster", rule([{ kind: "score", task: "churn", op: "gte", value: 0.7 }, { kind: "cluster", cluster: 2 }], "or")],
    [
      "nested-mixed",
      rule([
        { kind: "attribute", field: "device", op: "eq", value: "ios" },
        { kind: "group", combinator: "or", children: [{ kind: "feature", field: "r_score", op: "gte", value: 4 }, { kind: "behaviour", event: "add_to_cart", minCount: 1, withinDays: 14 }] },
        { kind: "group", combinator: "and", children: [{ kind: "purchased", category, negate: true }, { kind: "score", task: "propensity", op: "gte", value: 0.5 }] },
      ]),
    ],
  ];
}

export default async function segments(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { customers: { type: "string" }, days: { type: "string" }, repeat: { type: "string" }, verbose: { type: "boolean" }, "without-covering-index": { type: "boolean" } },
  });
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench segments: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  const fresh = await freshDatabase("postgres", "segments", { max: 4 });
  const { database } = fresh;
  try {
    await migrate(database);
    const summary = await loadDemo(database, { customers: flags.customers, days: flags.days, seed: 42, endAt: END_AT });
    await refreshFeatures(database.db);
    for (const [task, column, expr] of [
      ["churn", "score", "(abs(hashint4(id::int + 13)) % 10000) / 10000.0"],
      ["propensity", "score", "(abs(hashint4(id::int + 17)) % 10000) / 10000.0"],
      ["clusters", "cluster", "abs(hashint4(id::int + 19)) % 6"],
    ] as const) {
      const [run] = await database.query<{ id: string }>(
        `INSERT INTO model_runs (task, algorithm, version, status, is_active, activated_at) VALUES ('${task}', 'bench', 1, 'succeeded', true, now()) RETURNING id`,
      );
      await database.query(`INSERT INTO customer_scores (model_run_id, customer_id, ${column}) SELECT $1, id, ${expr} FROM customers`, [run?.id]);
    }
    if (values["without-covering-index"]) await database.query("DROP INDEX events_type_occurred_at_customer_product_idx");
    await database.query("VACUUM ANALYZE");
    const [top] = await database.query<{ product_id: number; category: string }>(
      `SELECT e.product_id, p.category FROM events e JOIN products p ON p.id = e.product_id WHERE e.type = 'purchase' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
    );
    const regions = await database.query<{ region: string }>("SELECT region FROM customers WHERE region IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 3");
    const cases = rules(top?.category ?? "data", top?.product_id ?? 1, regions.map((r) => r.region));

    const ours: number[] = [];
    const reference: number[] = [];
    for (const [label, definition] of cases) {
      const n = await countDefinition(database.db, definition); // warm the cache and the plan
      const mine: number[] = [];
      for (let i = 0; i < flags.repeat; i++) {
        let started = performance.now();
        await countDefinition(database.db, definition);
        mine.push(performance.now() - started);
        started = performance.now();
        await database.query("SELECT count(*) FROM customer_features");
        reference.push(performance.now() - started);
      }
      mine.sort((a, b) => a - b);
      if (values.verbose) console.error(`${label}: count=${n} p50_ms=${percentile(mine, 0.5).toFixed(1)} max_ms=${(mine.at(-1) ?? 0).toFixed(1)}`);
      ours.push(...mine);
    }
    ours.sort((a, b) => a - b);
    reference.sort((a, b) => a - b);
    console.log(
      `bench segments-live-count p50_ms=${percentile(ours, 0.5).toFixed(1)} p95_ms=${percentile(ours, 0.95).toFixed(1)} max_ms=${(ours.at(-1) ?? 0).toFixed(1)} ref_count_p50_ms=${percentile(reference, 0.5).toFixed(1)} ratio=${(percentile(ours, 0.5) / percentile(reference, 0.5)).toFixed(2)} customers=${flags.customers} events=${summary.rows.events} rules=${cases.length} samples=${ours.length}${values["without-covering-index"] ? " covering_index=0" : ""}`,
    );

    // Every kind the product refreshes: the rules above, all RFM presets, score bands, clusters.
    const actor = await createStaff(database.db, null, { email: "bench@example.com", name: "Bench", role: "marketer", password: "long enough 1" });
    const all: Array<[string, SegmentDefinition]> = [
      ...cases.filter(([label]) => label !== "rfm-champions"),
      ...RFM_PRESET_NAMES.map((preset): [string, SegmentDefinition] => [`rfm-${preset}`, { kind: "rfm", preset }]),
      ...[1, 2, 10].map((decile): [string, SegmentDefinition] => [`propensity-d${decile}`, { kind: "score", task: "propensity", decile }]),
      ...(["high", "medium", "low"] as const).map((tier): [string, SegmentDefinition] => [`churn-${tier}`, { kind: "score", task: "churn", tier }]),
      ...[0, 1, 2].map((cluster): [string, SegmentDefinition] => [`cluster-${cluster}`, { kind: "cluster", cluster }]),
    ];
    for (const [name, definition] of all) await createSegment(database.db, { id: actor.id, email: actor.email }, { name, definition });
    const started = performance.now();
    const result = await refreshAllSegments(database.db);
    const refreshSeconds = (performance.now() - started) / 1000;
    const scanStarted = performance.now();
    await database.query("SELECT count(*) FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id");
    const scanSeconds = (performance.now() - scanStarted) / 1000;
    const members = result.refreshed.reduce((s, r) => s + r.size, 0);
    console.log(
      `bench segments-refresh-all ours_s=${refreshSeconds.toFixed(2)} segments=${result.refreshed.length} failed=${result.failed.length} members=${members} scan_ref_s=${scanSeconds.toFixed(3)} per_segment_ms=${((refreshSeconds * 1000) / Math.max(1, result.refreshed.length)).toFixed(0)} customers=${flags.customers}`,
    );
  } finally {
    await fresh.dispose();
  }
}
