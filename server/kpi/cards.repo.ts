import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { selectRows } from "../db/rows";
import { addDays, customerFilter, type KpiFilters, type Period } from "./filters";
import { hitIn, monthOf } from "./masks";

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

/** Daily sums: from kpi_day_totals without a segment filter (a few rows a day), else per customer-day. */
export async function dailyTotals(db: Db, period: Period, filter: Filter): Promise<DailyTotals[]> {
  const rows = filter.segmentId
    ? await selectRows<Record<string, unknown>>(
        db,
        sql`SELECT day::text AS day, sum(gross_cents) AS gross, sum(refund_cents) AS refund_cents, count(*) AS active,
              count(*) FILTER (WHERE gross_cents > 0) AS paying, sum(paid_purchases) AS paid_purchases, sum(refunds) AS refunds,
              sum(renews) AS renews, sum(cancels) AS cancels, count(*) FILTER (WHERE learning > 0) AS learners,
              count(*) FILTER (WHERE completes > 0) AS completers
            FROM kpi_customer_day d
            WHERE d.day BETWEEN ${period.from}::date AND ${period.to}::date AND ${customerFilter(filter, sql`d.customer_id`)}
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
  return rows.map((r) => ({
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
  }));
}

/**
 * Period totals: sums add up from the daily rows; distinct customers (active, paying, learners,
 * completers, weekly/monthly learners, the churn base) come from one row per customer and month
 * with day-of-month masks; conversions from the first-day table.
 */
export async function periodTotals(db: Db, period: Period, filter: Filter, daily: readonly DailyTotals[]): Promise<PeriodTotals> {
  const week = addDays(period.to, -6);
  const month = addDays(period.to, -29);
  const churnFrom = addDays(period.from, -30);
  const churnTo = addDays(period.from, -1);
  const earliest = [churnFrom, month].sort()[0]!;
  const whoFirst = customerFilter(filter, sql`f.customer_id`);
  const { from, to } = period;
  const [[distinct], [conversion]] = await Promise.all([
    selectRows<Record<string, unknown>>(
      db,
      sql`SELECT count(*) FILTER (WHERE active) AS active, count(*) FILTER (WHERE paying) AS paying, count(*) FILTER (WHERE learner) AS learners,
            count(*) FILTER (WHERE completer) AS completers, count(*) FILTER (WHERE weekly) AS weekly, count(*) FILTER (WHERE monthly) AS monthly,
            count(*) FILTER (WHERE base) AS churn_base, count(*) FILTER (WHERE base AND NOT active) AS churned
          FROM (
            SELECT m.customer_id,
              bool_or(${hitIn(sql`m.active_mask`, from, to)}) AS active,
              bool_or(${hitIn(sql`m.paying_mask`, from, to)}) AS paying,
              bool_or(${hitIn(sql`m.learning_mask`, from, to)}) AS learner,
              bool_or(${hitIn(sql`m.completing_mask`, from, to)}) AS completer,
              bool_or(${hitIn(sql`m.learning_mask`, week, to)}) AS weekly,
              bool_or(${hitIn(sql`m.learning_mask`, month, to)}) AS monthly,
              bool_or(${hitIn(sql`m.active_mask`, churnFrom, churnTo)}) AS base
            FROM kpi_customer_month m
            WHERE m.month BETWEEN ${monthOf(earliest)} AND ${to}::date AND ${customerFilter(filter, sql`m.customer_id`)}
            GROUP BY m.customer_id
          ) per_customer`,
    ),
    selectRows<Record<string, unknown>>(
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
            OR first_trial_day BETWEEN ${from}::date AND ${to}::date) AND ${whoFirst}`,
    ),
  ]);
  const sum = (pick: (d: DailyTotals) => number) => daily.reduce((total, d) => total + pick(d), 0);
  return {
    grossCents: sum((d) => d.grossCents),
    refundCents: sum((d) => d.refundCents),
    active: num(distinct?.active),
    paying: num(distinct?.paying),
    paidPurchases: sum((d) => d.paidPurchases),
    refunds: sum((d) => d.refunds),
    renews: sum((d) => d.renews),
    cancels: sum((d) => d.cancels),
    learners: num(distinct?.learners),
    completers: num(distinct?.completers),
    weeklyLearners: num(distinct?.weekly),
    monthlyLearners: num(distinct?.monthly),
    churnBase: num(distinct?.churn_base),
    churned: num(distinct?.churned),
    newVisitors: num(conversion?.new_visitors),
    newVisitorsPaid: num(conversion?.new_visitors_paid),
    freeStarters: num(conversion?.free_starters),
    freeStartersPaid: num(conversion?.free_starters_paid),
    trialStarters: num(conversion?.trial_starters),
    trialStartersPaid: num(conversion?.trial_starters_paid),
  };
}
