import { sql, type SQL } from "drizzle-orm";

const MONTH_END = sql`(m.month + interval '1 month' - interval '1 day')::date`;

/**
 * The day-of-month bits of [from, to] inside the month of row `m` (kpi_customer_month), as a
 * bigint: bits lo-1 .. hi-1 for the days lo..hi of that month the range covers, 0 when none.
 */
export function rangeMask(from: string, to: string): SQL {
  return sql`(CASE WHEN m.month > ${to}::date OR ${MONTH_END} < ${from}::date THEN 0::bigint ELSE
    (1::bigint << extract(day FROM least(${to}::date, ${MONTH_END}))::int) - (1::bigint << (extract(day FROM greatest(${from}::date, m.month))::int - 1)) END)`;
}

/** True for a month row whose `mask` column has a bit inside [from, to]. */
export function hitIn(mask: SQL, from: string, to: string): SQL {
  return sql`((${mask}::bigint & ${rangeMask(from, to)}) <> 0)`;
}

/** First day of the month holding `day`, as SQL. */
export function monthOf(day: string): SQL {
  return sql`date_trunc('month', ${day}::date)::date`;
}
