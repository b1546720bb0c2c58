import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { selectRows } from "../db/rows";
import { addDays, customerFilter, type KpiFilters, type Period } from "./filters";

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

export async function dailyTotals(db: Db, period: Period, filter: Filter): Promise<DailyTotals[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT day::text AS day, sum(gross_cents) AS gross, sum(refund_cents) AS refund_cents, count(*) AS active,
          count(*) FILTER (WHERE gross_cents > 0) AS paying, sum(paid_purchases) AS paid_purchases, sum(refunds) AS refunds,
          sum(renews) AS renews, sum(cancels) AS cancels, count(*) FILTER (WHERE learning > 0) AS learners,
          count(*) FILTER (WHERE completes > 0) AS completers
        FROM kpi_customer_day d
        WHERE d.day BETWEEN ${period.from}::date AND ${period.to}::date AND ${customerFilter(filter, sql`d.customer_id`)}
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

export async function periodTotals(db: Db, period: Period, filter: Filter): Promise<PeriodTotals> {
  const who = customerFilter(filter, sql`d.customer_id`);
  const week = addDays(period.to, -6);
  const month = addDays(period.to, -29);
  const churnFrom = addDays(period.from, -30);
  const churnTo = addDays(period.from, -1);
  const whoFirst = customerFilter(filter, sql`f.customer_id`);
  const [[totals], [learners], [churn], [conversion]] = await Promise.all([selectRows<Record<string, unknown>>(
    db,
    sql`SELECT sum(gross) AS gross, sum(refund_cents) AS refund_cents, count(*) AS active, count(*) FILTER (WHERE gross > 0) AS paying,
          sum(paid_purchases) AS paid_purchases, sum(refunds) AS refunds, sum(renews) AS renews, sum(cancels) AS cancels,
          count(*) FILTER (WHERE learning > 0) AS learners, count(*) FILTER (WHERE completes > 0) AS completers
        FROM (
          SELECT d.customer_id, sum(gross_cents) AS gross, sum(refund_cents) AS refund_cents, sum(paid_purchases) AS paid_purchases,
            sum(refunds) AS refunds, sum(renews) AS renews, sum(cancels) AS cancels, sum(learning) AS learning, sum(completes) AS completes
          FROM kpi_customer_day d
          WHERE d.day BETWEEN ${period.from}::date AND ${period.to}::date AND ${who}
          GROUP BY d.customer_id
        ) per_customer`,
  ),
  // WAU/MAU look back from the period's last day and may reach before its start.
  selectRows<Record<string, unknown>>(
    db,
    sql`SELECT count(DISTINCT customer_id) FILTER (WHERE day >= ${week}::date) AS weekly, count(DISTINCT customer_id) AS monthly
        FROM kpi_customer_day d WHERE d.day BETWEEN ${month}::date AND ${period.to}::date AND d.learning > 0 AND ${who}`,
  ),
  selectRows<Record<string, unknown>>(
    db,
    sql`SELECT count(*) AS base, count(*) FILTER (WHERE NOT EXISTS (
          SELECT 1 FROM kpi_customer_day later WHERE later.customer_id = base.customer_id AND later.day BETWEEN ${period.from}::date AND ${period.to}::date
        )) AS churned
        FROM (SELECT DISTINCT d.customer_id FROM kpi_customer_day d WHERE d.day BETWEEN ${churnFrom}::date AND ${churnTo}::date AND ${who}) base`,
  ),
  selectRows<Record<string, unknown>>(
    db,
    sql`SELECT
          count(*) FILTER (WHERE first_day BETWEEN ${period.from}::date AND ${period.to}::date) AS new_visitors,
          count(*) FILTER (WHERE first_day BETWEEN ${period.from}::date AND ${period.to}::date AND first_paid_day <= ${period.to}::date) AS new_visitors_paid,
          count(*) FILTER (WHERE first_free_enrol_day BETWEEN ${period.from}::date AND ${period.to}::date
            AND (first_paid_day IS NULL OR first_paid_day >= first_free_enrol_day)) AS free_starters,
          count(*) FILTER (WHERE first_free_enrol_day BETWEEN ${period.from}::date AND ${period.to}::date
            AND first_paid_day >= first_free_enrol_day AND first_paid_day <= ${period.to}::date) AS free_starters_paid,
          count(*) FILTER (WHERE first_trial_day BETWEEN ${period.from}::date AND ${period.to}::date
            AND (first_paid_subscription_day IS NULL OR first_paid_subscription_day >= first_trial_day)) AS trial_starters,
          count(*) FILTER (WHERE first_trial_day BETWEEN ${period.from}::date AND ${period.to}::date
            AND first_paid_subscription_day >= first_trial_day AND first_paid_subscription_day <= ${period.to}::date) AS trial_starters_paid
        FROM kpi_customer_first f WHERE ${whoFirst}`,
  )]);
  return {
    grossCents: num(totals?.gross),
    refundCents: num(totals?.refund_cents),
    active: num(totals?.active),
    paying: num(totals?.paying),
    paidPurchases: num(totals?.paid_purchases),
    refunds: num(totals?.refunds),
    renews: num(totals?.renews),
    cancels: num(totals?.cancels),
    learners: num(totals?.learners),
    completers: num(totals?.completers),
    weeklyLearners: num(learners?.weekly),
    monthlyLearners: num(learners?.monthly),
    churnBase: num(churn?.base),
    churned: num(churn?.churned),
    newVisitors: num(conversion?.new_visitors),
    newVisitorsPaid: num(conversion?.new_visitors_paid),
    freeStarters: num(conversion?.free_starters),
    freeStartersPaid: num(conversion?.free_starters_paid),
    trialStarters: num(conversion?.trial_starters),
    trialStartersPaid: num(conversion?.trial_starters_paid),
  };
}
