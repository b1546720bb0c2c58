import { sql, type SQL } from "drizzle-orm";
import { daysBetween } from "./filters.sql";

/** The kpi_customer_timeline bitmaps a query can test. */
export type TimelineFlag = "active" | "paying" | "learning" | "completing" | "viewed" | "clicked" | "purchased" | "renewed";

/**
 * True for a kpi_customer_timeline row (alias `t`) whose `flag` bitmap has a bit inside
 * [from, to]. `epoch` is the day of bit 0; days before it hold no activity, so the range is
 * clipped to it in JS (substring with a start before 1 or a negative length is an error). bit_count rather
 * than position(B'1' in ...): about half the cost per test, and safe for bitmaps of any length.
 */
export function timelineHit(flag: TimelineFlag, from: string, to: string, epoch: string | null): SQL {
  if (epoch === null) return sql`FALSE`;
  const start = from < epoch ? epoch : from;
  if (to < start) return sql`FALSE`;
  const position = daysBetween(epoch, start); // 1-based: bit 0 is at position 1
  const length = daysBetween(start, to);
  return sql`(bit_count(substring(t.${sql.raw(flag)} from ${sql.raw(String(position))} for ${sql.raw(String(length))})) > 0)`;
}
