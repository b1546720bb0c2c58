import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";
import { comparisonPeriod, customerFilter, type KpiFilters, type Period } from "./filters.sql";
import { readTimelineEpoch } from "./rollup.repo";
import { timelineHit, type TimelineFlag } from "./timeline.sql";

export const FUNNEL_STEPS = ["view", "click", "purchase", "completion", "renewal"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * Customers who reached each step within the period, each step counting only customers who also
 * reached every earlier step (a strict funnel over the period, not over a single session). Several
 * periods are counted in one pass over the per-customer day bitmaps.
 */
export async function funnelCounts(db: Db, periods: readonly Period[], filters: Pick<KpiFilters, "segmentId" | "channel">): Promise<number[][]> {
  const epoch = await readTimelineEpoch(db);
  const flags: TimelineFlag[] = ["viewed", "clicked", "purchased", "completing", "renewed"];
  // Each step's test is evaluated once per customer in the inner select (OFFSET 0 stops the
  // planner from inlining it into every count that uses it), then the steps are ANDed cheaply.
  const hits = periods.flatMap(({ from, to }, p) => flags.map((flag, step) => sql`${timelineHit(flag, from, to, epoch)} AS ${sql.raw(`h${step}_${p}`)}`));
  const counts = periods.map((_, p) =>
    sql.join(
      FUNNEL_STEPS.map((__, step) => sql`count(*) FILTER (WHERE ${sql.raw(Array.from({ length: step + 1 }, (___, k) => `h${k}_${p}`).join(" AND "))}) AS ${sql.raw(`s${step}_${p}`)}`),
      sql`, `,
    ),
  );
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT ${sql.join(counts, sql`, `)} FROM (
          SELECT ${sql.join(hits, sql`, `)} FROM kpi_customer_timeline t WHERE ${customerFilter(filters, sql`t.customer_id`)} OFFSET 0
        ) per_customer`,
  );
  return periods.map((_, p) => FUNNEL_STEPS.map((__, i) => Number(row?.[`s${i}_${p}`] ?? 0)));
}

export interface FunnelResult {
  steps: Array<{ step: FunnelStep; customers: number; previous: number; fromPrevious: number | null; dropOff: number | null }>;
  period: Period;
  comparison: Period;
}

export async function funnel(db: Db, filters: KpiFilters): Promise<FunnelResult> {
  const period = { from: filters.from, to: filters.to };
  const comparison = comparisonPeriod(filters);
  const [current, previous] = (await funnelCounts(db, [period, comparison], filters)) as [number[], number[]];
  const steps = FUNNEL_STEPS.map((step, i) => {
    const before = i === 0 ? null : current[i - 1]!;
    const fromPrevious = before === null || before === 0 ? null : current[i]! / before;
    return { step, customers: current[i]!, previous: previous[i]!, fromPrevious, dropOff: fromPrevious === null ? null : 1 - fromPrevious };
  });
  return { steps, period, comparison };
}
