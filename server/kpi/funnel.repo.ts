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
export async function funnelCounts(db: Db, period: Period, filters: Pick<KpiFilters, "segmentId" | "channel">): Promise<number[]> {
  const { from, to } = period;
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT count(*) FILTER (WHERE v) AS s0, count(*) FILTER (WHERE v AND c) AS s1, count(*) FILTER (WHERE v AND c AND p) AS s2,
          count(*) FILTER (WHERE v AND c AND p AND k) AS s3, count(*) FILTER (WHERE v AND c AND p AND k AND r) AS s4
        FROM (
          SELECT bool_or(${hitIn(sql`m.view_mask`, from, to)}) AS v, bool_or(${hitIn(sql`m.click_mask`, from, to)}) AS c,
            bool_or(${hitIn(sql`m.purchase_mask`, from, to)}) AS p, bool_or(${hitIn(sql`m.completing_mask`, from, to)}) AS k,
            bool_or(${hitIn(sql`m.renew_mask`, from, to)}) AS r
          FROM kpi_customer_month m
          WHERE m.month BETWEEN ${monthOf(from)} AND ${to}::date
            AND ${customerFilter(filters, sql`m.customer_id`)}
          GROUP BY m.customer_id
        ) per_customer`,
  );
  return FUNNEL_STEPS.map((_, i) => Number(row?.[`s${i}`] ?? 0));
}

export interface FunnelResult {
  steps: Array<{ step: FunnelStep; customers: number; previous: number; fromPrevious: number | null; dropOff: number | null }>;
  period: Period;
  comparison: Period;
}

export async function funnel(db: Db, filters: KpiFilters): Promise<FunnelResult> {
  const period = { from: filters.from, to: filters.to };
  const comparison = comparisonPeriod(filters);
  const [current, previous] = await Promise.all([funnelCounts(db, period, filters), funnelCounts(db, comparison, filters)]);
  const steps = FUNNEL_STEPS.map((step, i) => {
    const before = i === 0 ? null : current[i - 1]!;
    const fromPrevious = before === null || before === 0 ? null : current[i]! / before;
    return { step, customers: current[i]!, previous: previous[i]!, fromPrevious, dropOff: fromPrevious === null ? null : 1 - fromPrevious };
  });
  return { steps, period, comparison };
}
