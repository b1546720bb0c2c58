import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";
import { customerFilter, type KpiFilters } from "./filters.sql";

export interface CohortCell {
  cohort: string;
  period: number;
  active: number;
  netCents: number;
}

export interface CohortSize {
  cohort: string;
  size: number;
}

type Filter = Pick<KpiFilters, "from" | "to" | "segmentId" | "channel">;

/** A customer's cohort date: signup time, or first recorded activity when signup is unknown. */
const COHORT_START = sql`coalesce((c.signup_at AT TIME ZONE 'UTC')::date, f.first_day)`;

/** Monthly sizes and cells from the pre-aggregated cohort tables (no segment filter). */
export async function monthlyCohortsFromRollup(db: Db, filters: Filter): Promise<{ sizes: CohortSize[]; cells: CohortCell[] }> {
  const channel = filters.channel ? sql`AND channel = ${filters.channel}` : sql``;
  const range = sql`cohort BETWEEN date_trunc('month', ${filters.from}::date)::date AND ${filters.to}::date`;
  const [sizes, cells] = await Promise.all([
    selectRows<{ cohort: string; size: number | string }>(db, sql`SELECT cohort::text AS cohort, sum(size) AS size FROM kpi_cohort_size WHERE ${range} ${channel} GROUP BY cohort ORDER BY cohort`),
    selectRows<Record<string, unknown>>(
      db,
      sql`SELECT cohort::text AS cohort,
            ((extract(year FROM month) - extract(year FROM cohort)) * 12 + extract(month FROM month) - extract(month FROM cohort))::int AS period,
            sum(active) AS active, sum(net_cents) AS net
          FROM kpi_cohort_month WHERE ${range} AND month <= ${filters.to}::date ${channel}
          GROUP BY 1, 2 ORDER BY 1, 2`,
    ),
  ]);
  return {
    sizes: sizes.map((r) => ({ cohort: String(r.cohort).slice(0, 10), size: Number(r.size) })),
    cells: cells.map((r) => ({ cohort: String(r.cohort).slice(0, 10), period: Number(r.period), active: Number(r.active), netCents: Number(r.net ?? 0) })),
  };
}

/**
 * Weekly sizes and cells from the weekly cohort rollup (no segment filter). Whole weeks come from
 * kpi_cohort_week; a week cut short by the range's end is counted from kpi_customer_day up to
 * `to`, so activity after the range never counts.
 */
export async function weeklyCohortsFromRollup(db: Db, filters: Filter): Promise<{ sizes: CohortSize[]; cells: CohortCell[] }> {
  const channel = filters.channel ? sql`AND channel = ${filters.channel}` : sql``;
  const lastWeek = sql`date_trunc('week', ${filters.to}::date)::date`;
  const range = sql`cohort BETWEEN date_trunc('week', ${filters.from}::date)::date AND ${filters.to}::date`;
  const [sizes, whole, partial] = await Promise.all([
    selectRows<{ cohort: string; size: number | string }>(db, sql`SELECT cohort::text AS cohort, sum(size) AS size FROM kpi_cohort_week_size WHERE ${range} ${channel} GROUP BY cohort ORDER BY cohort`),
    selectRows<Record<string, unknown>>(
      db,
      sql`SELECT cohort::text AS cohort, ((week - cohort) / 7)::int AS period, sum(active) AS active, sum(net_cents) AS net
          FROM kpi_cohort_week
          WHERE ${range} AND (week < ${lastWeek} OR (week = ${lastWeek} AND week + 6 <= ${filters.to}::date)) ${channel}
          GROUP BY 1, 2`,
    ),
    selectRows<Record<string, unknown>>(
      db,
      sql`SELECT cohort::text AS cohort, ((${lastWeek} - cohort) / 7)::int AS period, count(*) AS active, sum(net) AS net
          FROM (
            SELECT date_trunc('week', f.cohort_day)::date AS cohort, sum(d.gross_cents - d.refund_cents) AS net
            FROM kpi_customer_day d JOIN kpi_customer_first f ON f.customer_id = d.customer_id
            WHERE ${lastWeek} + 6 > ${filters.to}::date AND d.day BETWEEN ${lastWeek} AND ${filters.to}::date
              ${filters.channel ? sql`AND f.channel = ${filters.channel}` : sql``}
            GROUP BY d.customer_id, 1
          ) per_customer
          WHERE ${range} AND cohort <= ${lastWeek}
          GROUP BY 1, 2`,
    ),
  ]);
  const cells = [...whole, ...partial]
    .map((r) => ({ cohort: String(r.cohort).slice(0, 10), period: Number(r.period), active: Number(r.active), netCents: Number(r.net ?? 0) }))
    .sort((a, b) => (a.cohort === b.cohort ? a.period - b.period : a.cohort < b.cohort ? -1 : 1));
  return { sizes: sizes.map((r) => ({ cohort: String(r.cohort).slice(0, 10), size: Number(r.size) })), cells };
}

/**
 * Customers of the filtered cohorts with their cohort start. With a segment filter the members
 * drive the join (a fifth of the customers, found by primary key) instead of every customer.
 */
function cohortCte(grain: "week" | "month", filters: Filter) {
  const start = sql`date_trunc(${grain}, ${COHORT_START})::date`;
  const inRange = sql`${start} BETWEEN date_trunc(${grain}, ${filters.from}::date)::date AND ${filters.to}::date`;
  if (filters.segmentId) {
    // Members drive a hash join to customers; first_day is looked up (by primary key) only for
    // the customers without a signup date, and the subquery is kept whole (OFFSET 0) so the cohort
    // expression is evaluated once per member.
    return sql`cohort AS (
      SELECT customer_id, start FROM (
        SELECT s.customer_id, c.acquisition_channel AS channel,
          date_trunc(${grain}, coalesce((c.signup_at AT TIME ZONE 'UTC')::date,
            (SELECT f.first_day FROM kpi_customer_first f WHERE f.customer_id = c.id)))::date AS start
        FROM segment_members s JOIN customers c ON c.id = s.customer_id
        WHERE s.segment_id = ${filters.segmentId}::uuid ${filters.channel ? sql`AND c.acquisition_channel = ${filters.channel}` : sql``}
        OFFSET 0
      ) members
      WHERE start BETWEEN date_trunc(${grain}, ${filters.from}::date)::date AND ${filters.to}::date
    )`;
  }
  return sql`cohort AS (
    SELECT c.id AS customer_id, ${start} AS start
    FROM customers c LEFT JOIN kpi_customer_first f ON f.customer_id = c.id
    WHERE ${inRange} AND ${customerFilter(filters, sql`c.id`)}
  )`;
}

export async function cohortSizes(db: Db, grain: "week" | "month", filters: Filter): Promise<CohortSize[]> {
  const rows = await selectRows<{ cohort: string; size: number | string }>(
    db,
    sql`WITH ${cohortCte(grain, filters)} SELECT start::text AS cohort, count(*) AS size FROM cohort GROUP BY start ORDER BY start`,
  );
  return rows.map((r) => ({ cohort: String(r.cohort).slice(0, 10), size: Number(r.size) }));
}

/**
 * Active customers and their net revenue per (cohort, months since signup), from the monthly
 * rollup; activity after the range's end is not counted. Grouped by the two dates first (a cheap
 * hash), the period number is worked out on the few grouped rows.
 */
export async function monthlyCohortCells(db: Db, filters: Filter): Promise<CohortCell[]> {
  if (filters.segmentId) return memberCohortCells(db, filters);
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`WITH ${cohortCte("month", filters)}
        SELECT start::text AS cohort,
          ((extract(year FROM month) - extract(year FROM start)) * 12 + extract(month FROM month) - extract(month FROM start))::int AS period,
          active, net
        FROM (
          SELECT cohort.start, m.month, count(*) FILTER (WHERE m.active_days > 0) AS active, sum(m.net_cents) AS net
          FROM cohort JOIN kpi_customer_month m ON m.customer_id = cohort.customer_id
          WHERE m.month >= cohort.start AND m.month <= ${filters.to}::date
          GROUP BY 1, 2
        ) cells
        ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ cohort: String(r.cohort).slice(0, 10), period: Number(r.period), active: Number(r.active), netCents: Number(r.net ?? 0) }));
}

/**
 * The monthly cells of a segment from one kpi_customer_cohort row per member (cohort as of the
 * last rollup, like the unfiltered triangle): periods past the range's end are left out.
 */
async function memberCohortCells(db: Db, filters: Filter): Promise<CohortCell[]> {
  const reached = sql`((extract(year FROM ${filters.to}::date) - extract(year FROM k.cohort)) * 12 + extract(month FROM ${filters.to}::date) - extract(month FROM k.cohort))::int`;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT k.cohort::text AS cohort, u.period, count(*) AS active, sum(u.net) AS net
        FROM kpi_customer_cohort k, unnest(k.periods, k.period_net) AS u(period, net)
        WHERE k.customer_id IN (SELECT customer_id FROM segment_members WHERE segment_id = ${filters.segmentId}::uuid)
          ${filters.channel ? sql`AND k.customer_id IN (SELECT id FROM customers WHERE acquisition_channel = ${filters.channel})` : sql``}
          AND k.cohort BETWEEN date_trunc('month', ${filters.from}::date)::date AND ${filters.to}::date AND u.period <= ${reached}
        GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ cohort: String(r.cohort).slice(0, 10), period: Number(r.period), active: Number(r.active), netCents: Number(r.net ?? 0) }));
}

/** Active customers per (cohort week, weeks since signup), from the daily rollup. */
export async function weeklyCohortCells(db: Db, filters: Filter): Promise<CohortCell[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`WITH ${cohortCte("week", filters)}
        SELECT cohort.start::text AS cohort, ((d.day - cohort.start) / 7)::int AS period,
          count(DISTINCT d.customer_id) AS active, sum(d.gross_cents - d.refund_cents) AS net
        FROM cohort JOIN kpi_customer_day d ON d.customer_id = cohort.customer_id
        WHERE d.day >= cohort.start AND d.day <= ${filters.to}::date
        GROUP BY 1, 2 ORDER BY 1, 2`,
  );
  return rows.map((r) => ({ cohort: String(r.cohort).slice(0, 10), period: Number(r.period), active: Number(r.active), netCents: Number(r.net ?? 0) }));
}
