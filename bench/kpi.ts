/**
 * `npm run bench -- kpi [--customers N] [--days D] [--seed S] [--repeat R]`
 * Loads the demo set into a fresh temporary Postgres database, builds the KPI rollups (timed),
 * adds a 20% segment (with its daily KPI sums, timed) and an active churn model's scores, then
 * times every overview panel through the same functions the API calls: p50/p95 over R runs each.
 * Reference: the GMV and paying customers of the same 30 days computed straight from the raw
 * events table.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { migrate } from "../server/db/migrate";
import { loadDemo } from "../server/demo/load";
import { kpiCards } from "../server/kpi/cards";
import { churnWarning } from "../server/kpi/churn.service";
import { cohortTriangle } from "../server/kpi/cohorts";
import { addDays, toDay, ZKpiFilters, type KpiFilters } from "../server/kpi/filters.sql";
import { funnel } from "../server/kpi/funnel.repo";
import { refreshKpiRollups } from "../server/kpi/rollup";
import { rebuildSegmentDays } from "../server/segments/segment-days.repo";
import { freshDatabase } from "./support/fresh-database";

const FlagsSchema = z.object({
  customers: z.coerce.number().int().min(100).max(2_000_000).default(100_000),
  days: z.coerce.number().int().min(14).max(1500).default(365),
  seed: z.coerce.number().int().default(42),
  repeat: z.coerce.number().int().min(3).max(200).default(20),
});

const END_AT = new Date("2026-01-01T00:00:00Z");

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

async function time(repeat: number, run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await run(); // warm-up: plans and buffers, as on a dashboard that is already open
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

export default async function kpi(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, strict: true, options: { customers: { type: "string" }, days: { type: "string" }, seed: { type: "string" }, repeat: { type: "string" } } });
  const parsed = FlagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench kpi: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const flags = parsed.data;
  const fresh = await freshDatabase("postgres", "kpi", { max: 2 });
  const { database } = fresh;
  const { db } = database;
  try {
    await migrate(database);
    const summary = await loadDemo(database, { customers: flags.customers, days: flags.days, seed: flags.seed, endAt: END_AT });
    await database.query("VACUUM ANALYZE");
    const rollup = await refreshKpiRollups(db);
    await database.query(`INSERT INTO segments (name, kind, definition) VALUES ('bench 20%', 'manual', '{"kind":"manual","customerIds":[1]}')`);
    await database.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT s.id, c.id FROM segments s, customers c WHERE s.name = 'bench 20%' AND c.id % 5 = 0`);
    // What saving or refreshing a segment does after writing its members (segments.service refreshSegment), timed.
    const [{ id: benchSegment } = { id: "" }] = await database.query<{ id: string }>(`SELECT id FROM segments WHERE name = 'bench 20%'`);
    const segmentDaysStarted = performance.now();
    await db.transaction((tx) => rebuildSegmentDays(tx, benchSegment));
    const segmentDaysSeconds = (performance.now() - segmentDaysStarted) / 1000;
    const [run] = await database.query<{ id: string }>(`INSERT INTO model_runs (task, algorithm, version, status, is_active, activated_at) VALUES ('churn', 'bench', 1, 'succeeded', true, now()) RETURNING id`);
    await database.query(
      `INSERT INTO customer_scores (model_run_id, customer_id, score, detail) SELECT $1, id, (abs(hashint4(id::int + 13)) % 10000) / 10000.0,
        '{"reasons":[{"feature":"recency_days","contribution":0.7},{"feature":"sessions_30d","contribution":0.3}]}'::jsonb FROM customers`,
      [run?.id],
    );
    await database.query("VACUUM ANALYZE"); // autovacuum would do this after the rollup job
    const [{ segment_id: segmentId } = { segment_id: "" }] = await database.query<{ segment_id: string }>(`SELECT id AS segment_id FROM segments WHERE name = 'bench 20%'`);
    const [{ channel } = { channel: "" }] = await database.query<{ channel: string }>(`SELECT acquisition_channel AS channel FROM customers WHERE acquisition_channel IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);

    const last = toDay(new Date(END_AT.getTime() - 86_400_000));
    const month: KpiFilters = ZKpiFilters.parse({ from: addDays(last, -29), to: last });
    const year: KpiFilters = ZKpiFilters.parse({ from: addDays(last, -364), to: last });
    const quarter: KpiFilters = ZKpiFilters.parse({ from: addDays(last, -89), to: last });

    // Incremental refresh: a day's worth of late events for the last day.
    await database.query(
      `INSERT INTO events (source, external_event_id, customer_id, type, occurred_at) SELECT 'late', 'late-' || id, id, 'session', $1::timestamptz FROM customers WHERE id % 50 = 0`,
      [`${last}T12:00:00Z`],
    );
    const incremental = await refreshKpiRollups(db);

    const reference = await time(flags.repeat, () =>
      database.query(
        `SELECT coalesce(sum(amount_cents) FILTER (WHERE type IN ('purchase','subscribe','renew')), 0), count(DISTINCT customer_id) FILTER (WHERE type IN ('purchase','subscribe','renew') AND amount_cents > 0)
         FROM events WHERE occurred_at >= $1::date AND occurred_at < ($2::date + 1)`,
        [month.from, month.to],
      ),
    );
    const panels: Array<[string, () => Promise<unknown>]> = [
      ["cards-30d", () => kpiCards(db, month)],
      ["cards-30d-segment", () => kpiCards(db, { ...month, segmentId })],
      ["cards-30d-channel", () => kpiCards(db, { ...month, channel })],
      ["cards-30d-vs-year", () => kpiCards(db, { ...month, compare: "year" })],
      ["funnel-30d", () => funnel(db, month)],
      ["funnel-30d-segment", () => funnel(db, { ...month, segmentId })],
      ["cohorts-month-365d", () => cohortTriangle(db, year, "month")],
      ["cohorts-month-365d-segment", () => cohortTriangle(db, { ...year, segmentId }, "month")],
      ["cohorts-week-90d", () => cohortTriangle(db, quarter, "week")],
      ["churn-list", () => churnWarning(db, { filters: month, page: 1, pageSize: 20 }, false)],
      ["churn-list-segment", () => churnWarning(db, { filters: { ...month, segmentId }, page: 1, pageSize: 20 }, false)],
    ];
    console.log(
      `bench kpi-rollup customers=${flags.customers} events=${summary.rows.events} full_s=${rollup.seconds.toFixed(2)} days=${rollup.days} rows=${rollup.rows} incremental_s=${incremental.seconds.toFixed(2)} incremental_days=${incremental.days} segment_days_s=${segmentDaysSeconds.toFixed(2)}`,
    );
    console.log(`bench kpi-reference raw-events-gmv-30d p50_ms=${reference.p50.toFixed(1)} p95_ms=${reference.p95.toFixed(1)}`);
    for (const [name, run] of panels) {
      const t = await time(flags.repeat, run);
      console.log(`bench kpi-panel ${name} p50_ms=${t.p50.toFixed(1)} p95_ms=${t.p95.toFixed(1)} under_200ms=${t.p95 < 200 ? "yes" : "NO"}`);
    }
  } finally {
    await fresh.dispose();
  }
}
