import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";

/** A closed range of days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * Serialises the writers of kpi_segment_day (a segment being materialised, the KPI rollup): each
 * then reads the other's committed members and customer days, so neither writes sums from a
 * membership or a day the other has just replaced. Transaction-scoped: released at commit.
 */
const SEGMENT_DAY_LOCK = sql`SELECT pg_advisory_xact_lock(7246310001)`;

/** The kpi_segment_day columns from member rows of kpi_customer_day (alias d) joined to segment_members (alias m). */
const SUMS = sql`count(*)::int, count(*) FILTER (WHERE d.gross_cents > 0)::int, count(*) FILTER (WHERE d.learning > 0)::int,
  count(*) FILTER (WHERE d.completes > 0)::int, sum(d.gross_cents), sum(d.refund_cents), sum(d.paid_purchases)::int,
  sum(d.refunds)::int, sum(d.renews)::int, sum(d.cancels)::int`;
const COLUMNS = sql`segment_id, day, active, paying, learners, completers, gross_cents, refund_cents, paid_purchases, refunds, renews, cancels`;

const dayArray = (days: readonly string[]) => sql`${`{${days.join(",")}}`}::date[]`;

/**
 * Rebuilds one segment's daily sums over its whole history and marks them current. Call it in
 * the transaction that wrote the members, after writing them: the segment_members trigger clears
 * the mark on every write, so the mark set here is the last word.
 */
export async function rebuildSegmentDays(db: Db, segmentId: string): Promise<void> {
  await db.execute(SEGMENT_DAY_LOCK);
  await db.execute(sql`DELETE FROM kpi_segment_day WHERE segment_id = ${segmentId}::uuid`);
  await db.execute(sql`
    INSERT INTO kpi_segment_day (${COLUMNS})
    SELECT m.segment_id, d.day, ${SUMS}
    FROM segment_members m JOIN kpi_customer_day d ON d.customer_id = m.customer_id
    WHERE m.segment_id = ${segmentId}::uuid
    GROUP BY m.segment_id, d.day`);
  await db.execute(sql`
    INSERT INTO kpi_segment_rollup (segment_id) VALUES (${segmentId}::uuid)
    ON CONFLICT (segment_id) DO UPDATE SET built_at = now()`);
}

/**
 * The KPI rollup's share: recomputes the given (re-rolled) days of every segment whose sums are
 * current, after kpi_customer_day has been rebuilt for them, and drops the rows of segments that
 * are no longer current (their sums are rebuilt in full when they are next materialised).
 */
export async function refreshSegmentDays(db: Db, days: readonly string[]): Promise<void> {
  await db.execute(SEGMENT_DAY_LOCK);
  await db.execute(sql`DELETE FROM kpi_segment_day WHERE segment_id NOT IN (SELECT segment_id FROM kpi_segment_rollup)`);
  if (days.length === 0) return;
  await db.execute(sql`DELETE FROM kpi_segment_day WHERE day = ANY(${dayArray(days)})`);
  await db.execute(sql`
    INSERT INTO kpi_segment_day (${COLUMNS})
    SELECT m.segment_id, d.day, ${SUMS}
    FROM kpi_customer_day d JOIN segment_members m ON m.customer_id = d.customer_id
    WHERE d.day = ANY(${dayArray(days)}) AND m.segment_id IN (SELECT segment_id FROM kpi_segment_rollup)
    GROUP BY m.segment_id, d.day`);
}

/**
 * A segment's daily sums within `period` (and `dayRanges`, a predicate on `d.day`), in the row
 * shape of the per-member query; null when the segment's sums are not current. One statement, so
 * the mark and the rows come from the same snapshot: a LEFT JOIN chain from a single row yields
 * (ready = false) without a mark, (ready, no day) for a current segment without activity.
 */
export async function readSegmentDays(db: Db, segmentId: string, period: DayRange, dayRanges?: SQL): Promise<Array<Record<string, unknown>> | null> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT r.segment_id IS NOT NULL AS ready, d.day::text AS day, d.gross_cents AS gross, d.refund_cents, d.active, d.paying,
          d.paid_purchases, d.refunds, d.renews, d.cancels, d.learners, d.completers
        FROM (SELECT 1) one
        LEFT JOIN kpi_segment_rollup r ON r.segment_id = ${segmentId}::uuid
        LEFT JOIN kpi_segment_day d ON d.segment_id = r.segment_id
          AND d.day BETWEEN ${period.from}::date AND ${period.to}::date AND (${dayRanges ?? sql`TRUE`})
        ORDER BY d.day`,
  );
  if (rows[0]?.ready !== true) return null;
  return rows.filter((row) => row.day !== null && row.day !== undefined);
}
