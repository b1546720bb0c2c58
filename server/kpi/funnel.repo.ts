import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { selectRows } from "../db/rows";
import { comparisonPeriod, customerFilter, type KpiFilters, type Period } from "./filters";
import { readTimelineEpoch } from "./rollup.repo";
import { timelineHit, type TimelineFlag } from "./timeline";

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
  const counts = periods.map(({ from, to }, p) => {
    const hits = flags.map((flag) => timelineHit(flag, from, to, epoch));
    return sql.join(
      FUNNEL_STEPS.map((_, step) => sql`count(*) FILTER (WHERE ${sql.join(hits.slice(0, step + 1), sql` AND `)}) AS ${sql.raw(`s${step}_${p}`)}`),
      sql`, `,
    );
  });
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT ${sql.join(counts, sql`, `)} FROM kpi_customer_timeline t WHERE ${customerFilter(filters, sql`t.customer_id`)}`,
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
