import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { selectRows } from "../db/rows";
import { comparisonPeriod, customerFilter, type KpiFilters, type Period } from "./filters";
import { hitIn, monthOf } from "./masks";

export const FUNNEL_STEPS = ["view", "click", "purchase", "completion", "renewal"] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * Customers who reached each step within the period, each step counting only customers who also
 * reached every earlier step (a strict funnel over the period, not over a single session).
 */
/** Funnel counts for several periods in one pass over the monthly masks. */
export async function funnelCounts(db: Db, periods: readonly Period[], filters: Pick<KpiFilters, "segmentId" | "channel">): Promise<number[][]> {
  const flags = periods.map(({ from, to }, index) => {
    const i = sql.raw(String(index));
    return sql`bool_or(${hitIn(sql`m.view_mask`, from, to)}) AS v${i}, bool_or(${hitIn(sql`m.click_mask`, from, to)}) AS c${i},
      bool_or(${hitIn(sql`m.purchase_mask`, from, to)}) AS p${i}, bool_or(${hitIn(sql`m.completing_mask`, from, to)}) AS k${i},
      bool_or(${hitIn(sql`m.renew_mask`, from, to)}) AS r${i}`;
  });
  const counts = periods.map((_, index) => {
    const i = sql.raw(String(index));
    return sql`count(*) FILTER (WHERE v${i}) AS s0_${i}, count(*) FILTER (WHERE v${i} AND c${i}) AS s1_${i}, count(*) FILTER (WHERE v${i} AND c${i} AND p${i}) AS s2_${i},
      count(*) FILTER (WHERE v${i} AND c${i} AND p${i} AND k${i}) AS s3_${i}, count(*) FILTER (WHERE v${i} AND c${i} AND p${i} AND k${i} AND r${i}) AS s4_${i}`;
  });
  const months = sql.join(
    periods.map(({ from, to }) => sql`m.month BETWEEN ${monthOf(from)} AND ${to}::date`),
    sql` OR `,
  );
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT ${sql.join(counts, sql`, `)} FROM (
          SELECT m.customer_id, ${sql.join(flags, sql`, `)}
          FROM kpi_customer_month m
          WHERE (${months}) AND ${customerFilter(filters, sql`m.customer_id`)}
          GROUP BY m.customer_id
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
