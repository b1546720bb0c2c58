import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";
import { addDays, customerFilter, type KpiFilters, type Period } from "./filters.sql";
import { readTimelineEpoch } from "./rollup.repo";
import { readSegmentDays } from "../segments";
import { timelineHit } from "./timeline.sql";

/** Per-day sums over kpi_customer_day for one period (only days with activity are returned). */
export interface DailyTotals {
  day: string;
  grossCents: number;
  refundCents: number;
  active: number;
  paying: number;
  paidPurchases: number;
  refunds: number;
  renews: number;
  cancels: number;
  learners: number;
  completers: number;
}

/** Distinct-customer counts and sums over a whole period (distinct counts do not add up by day). */
export interface PeriodTotals {
  grossCents: number;
  refundCents: number;
  active: number;
  paying: number;
  paidPurchases: number;
  refunds: number;
  renews: number;
  cancels: number;
  learners: number;
  completers: number;
  weeklyLearners: number;
  monthlyLearners: number;
  churnBase: number;
  churned: number;
  newVisitors: number;
  newVisitorsPaid: number;
  freeStarters: number;
  freeStartersPaid: number;
  trialStarters: number;
  trialStartersPaid: number;
}

type Filter = Pick<KpiFilters, "segmentId" | "channel">;
const num = (value: unknown) => Number(value ?? 0);

/**
 * Daily sums of several periods. With a segment filter the days of every period are read by one
 * query (of the segment's daily rollup, or of the member customer-day rows) and split per period
 * here; days in two overlapping periods count in both.
 */
export async function dailyTotalsOf(db: Db, periods: readonly Period[], filter: Filter): Promise<DailyTotals[][]> {
  if (!filter.segmentId) return Promise.all(periods.map((period) => dailyTotals(db, period, filter)));
  const ranges = sql.join(periods.map((p) => sql`d.day BETWEEN ${p.from}::date AND ${p.to}::date`), sql` OR `);
  const all = await dailyTotals(db, { from: periods.map((p) => p.from).sort()[0]!, to: periods.map((p) => p.to).sort().at(-1)! }, filter, ranges);
  return periods.map((p) => all.filter((d) => d.day >= p.from && d.day <= p.to));
}

/**
 * Daily sums: from kpi_day_totals without a segment filter (a few rows a day); for a segment alone
 * from kpi_segment_day while its sums are current; else per member customer-day.
 */
export async function dailyTotals(db: Db, period: Period, filter: Filter, dayRanges?: SQL): Promise<DailyTotals[]> {
  const rolled = filter.segmentId && !filter.channel ? await readSegmentDays(db, filter.segmentId, period, dayRanges) : null;
  return rolled ? rolled.map(toDailyTotals) : customerDayTotals(db, period, filter, dayRanges);
}

/** The same sums without the segment rollup (with a segment: from its members' customer-day rows, which kpi_segment_day must equal). */
export async function customerDayTotals(db: Db, period: Period, filter: Filter, dayRanges?: SQL): Promise<DailyTotals[]> {
  const rows = filter.segmentId
    ? await selectRows<Record<string, unknown>>(
        db,
        sql`SELECT day::text AS day, sum(gross_cents) AS gross, sum(refund_cents) AS refund_cents, count(*) AS active,
              count(*) FILTER (WHERE gross_cents > 0) AS paying, sum(paid_purchases) AS paid_purchases, sum(refunds) AS refunds,
              sum(renews) AS renews, sum(cancels) AS cancels, count(*) FILTER (WHERE learning > 0) AS learners,
              count(*) FILTER (WHERE completes > 0) AS completers
            FROM kpi_customer_day d
            WHERE d.day BETWEEN ${period.from}::date AND ${period.to}::date AND (${dayRanges ?? sql`TRUE`})
              AND ${customerFilter(filter, sql`d.customer_id`)}
            GROUP BY day ORDER BY day`,
      )
    : await selectRows<Record<string, unknown>>(
        db,
        sql`SELECT day::text AS day, sum(gross_cents) AS gross, sum(refund_cents) AS refund_cents, sum(active) AS active, sum(paying) AS paying,
              sum(paid_purchases) AS paid_purchases, sum(refunds) AS refunds, sum(renews) AS renews, sum(cancels) AS cancels,
              sum(learners) AS learners, sum(completers) AS completers
            FROM kpi_day_totals
            WHERE day BETWEEN ${period.from}::date AND ${period.to}::date ${filter.channel ? sql`AND channel = ${filter.channel}` : sql``}
            GROUP BY day ORDER BY day`,
      );
  return rows.map(toDailyTotals);
}

function toDailyTotals(r: Record<string, unknown>): DailyTotals {
  return {
    day: String(r.day).slice(0, 10),
    grossCents: num(r.gross),
    refundCents: num(r.refund_cents),
    active: num(r.active),
    paying: num(r.paying),
    paidPurchases: num(r.paid_purchases),
    refunds: num(r.refunds),
    renews: num(r.renews),
    cancels: num(r.cancels),
    learners: num(r.learners),
    completers: num(r.completers),
  };
}

export interface DistinctCounts {
  active: number;
  paying: number;
  learners: number;
  completers: number;
  weekly: number;
  monthly: number;
  churnBase: number;
  churned: number;
}

/**
 * Distinct customers per period (active, paying, learners, completers, weekly/monthly learners,
 * the churn base and the churned) from one row per customer with day bitmaps: a filtered count,
 * no grouping. Every period is answered by the same single pass, so the comparison costs no extra scan.
 */
export async function distinctCounts(db: Db, periods: readonly Period[], filter: Filter): Promise<DistinctCounts[]> {
  const epoch = await readTimelineEpoch(db);
  const counts = periods.map((period, index) => {
    const i = sql.raw(String(index));
    const { from, to } = period;
    const active = timelineHit("active", from, to, epoch);
    const base = timelineHit("active", addDays(from, -30), addDays(from, -1), epoch);
    return sql`count(*) FILTER (WHERE ${active}) AS active${i}, count(*) FILTER (WHERE ${timelineHit("paying", from, to, epoch)}) AS paying${i},
      count(*) FILTER (WHERE ${timelineHit("learning", from, to, epoch)}) AS learners${i}, count(*) FILTER (WHERE ${timelineHit("completing", from, to, epoch)}) AS completers${i},
      count(*) FILTER (WHERE ${timelineHit("learning", addDays(to, -6), to, epoch)}) AS weekly${i},
      count(*) FILTER (WHERE ${timelineHit("learning", addDays(to, -29), to, epoch)}) AS monthly${i},
      count(*) FILTER (WHERE ${base}) AS base${i}, count(*) FILTER (WHERE ${base} AND NOT ${active}) AS churned${i}`;
  });
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT ${sql.join(counts, sql`, `)} FROM kpi_customer_timeline t WHERE ${customerFilter(filter, sql`t.customer_id`)}`,
  );
  return periods.map((_, i) => ({
    active: num(row?.[`active${i}`]),
    paying: num(row?.[`paying${i}`]),
    learners: num(row?.[`learners${i}`]),
    completers: num(row?.[`completers${i}`]),
    weekly: num(row?.[`weekly${i}`]),
    monthly: num(row?.[`monthly${i}`]),
    churnBase: num(row?.[`base${i}`]),
    churned: num(row?.[`churned${i}`]),
  }));
}

export interface Conversions {
  newVisitors: number;
  newVisitorsPaid: number;
  freeStarters: number;
  freeStartersPaid: number;
  trialStarters: number;
  trialStartersPaid: number;
}

/** Conversion cohorts of a period from the first-day table (indexed on each "first" column). */
export async function conversions(db: Db, period: Period, filter: Filter): Promise<Conversions> {
  const { from, to } = period;
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT
          count(*) FILTER (WHERE first_day BETWEEN ${from}::date AND ${to}::date) AS new_visitors,
          count(*) FILTER (WHERE first_day BETWEEN ${from}::date AND ${to}::date AND first_paid_day <= ${to}::date) AS new_visitors_paid,
          count(*) FILTER (WHERE first_free_enrol_day BETWEEN ${from}::date AND ${to}::date
            AND (first_paid_day IS NULL OR first_paid_day >= first_free_enrol_day)) AS free_starters,
          count(*) FILTER (WHERE first_free_enrol_day BETWEEN ${from}::date AND ${to}::date
            AND first_paid_day >= first_free_enrol_day AND first_paid_day <= ${to}::date) AS free_starters_paid,
          count(*) FILTER (WHERE first_trial_day BETWEEN ${from}::date AND ${to}::date
            AND (first_paid_subscription_day IS NULL OR first_paid_subscription_day >= first_trial_day)) AS trial_starters,
          count(*) FILTER (WHERE first_trial_day BETWEEN ${from}::date AND ${to}::date
            AND first_paid_subscription_day >= first_trial_day AND first_paid_subscription_day <= ${to}::date) AS trial_starters_paid
        FROM kpi_customer_first f
        WHERE (first_day BETWEEN ${from}::date AND ${to}::date OR first_free_enrol_day BETWEEN ${from}::date AND ${to}::date
          OR first_trial_day BETWEEN ${from}::date AND ${to}::date) AND ${customerFilter(filter, sql`f.customer_id`)}`,
  );
  return {
    newVisitors: num(row?.new_visitors),
    newVisitorsPaid: num(row?.new_visitors_paid),
    freeStarters: num(row?.free_starters),
    freeStartersPaid: num(row?.free_starters_paid),
    trialStarters: num(row?.trial_starters),
    trialStartersPaid: num(row?.trial_starters_paid),
  };
}

/** A period's totals: sums add up from its daily rows; the rest comes from the queries above. */
export function periodTotals(daily: readonly DailyTotals[], distinct: DistinctCounts, conversion: Conversions): PeriodTotals {
  const sum = (pick: (d: DailyTotals) => number) => daily.reduce((total, d) => total + pick(d), 0);
  return {
    grossCents: sum((d) => d.grossCents),
    refundCents: sum((d) => d.refundCents),
    active: distinct.active,
    paying: distinct.paying,
    paidPurchases: sum((d) => d.paidPurchases),
    refunds: sum((d) => d.refunds),
    renews: sum((d) => d.renews),
    cancels: sum((d) => d.cancels),
    learners: distinct.learners,
    completers: distinct.completers,
    weeklyLearners: distinct.weekly,
    monthlyLearners: distinct.monthly,
    churnBase: distinct.churnBase,
    churned: distinct.churned,
    ...conversion,
  };
}
