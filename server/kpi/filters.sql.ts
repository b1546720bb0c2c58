import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

const ZDay = (field: string) =>
  z
    .string({ message: `${field} must be a date (YYYY-MM-DD)` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${field} must be a date (YYYY-MM-DD)` })
    .refine((value) => {
      const parsed = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
    }, { message: `${field} is not a real date` });

/** What every overview panel filters by; the same keys live in the page URL. */
export const ZKpiFilters = z
  .object({
    from: ZDay("from"),
    to: ZDay("to"),
    segmentId: z.uuid({ message: "segmentId must be a segment id" }).nullable().optional(),
    channel: z.string().trim().min(1).max(100, { message: "channel must be at most 100 characters" }).nullable().optional(),
    compare: z.enum(["previous", "year"]).default("previous"),
  })
  .refine((f) => f.from <= f.to, { message: "from must be on or before to", path: ["from"] })
  .refine((f) => daysBetween(f.from, f.to) <= 731, { message: "the date range may span at most two years", path: ["to"] });
export type KpiFilters = z.infer<typeof ZKpiFilters>;

const DAY_MS = 86_400_000;

export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return toDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** Inclusive count of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

function shiftYear(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return toDay(d);
}

export interface Period {
  from: string;
  to: string;
}

/** The comparison window: the same number of days just before, or the same dates a year earlier. */
export function comparisonPeriod(filters: Pick<KpiFilters, "from" | "to" | "compare">): Period {
  if (filters.compare === "year") return { from: shiftYear(filters.from, -1), to: shiftYear(filters.to, -1) };
  const length = daysBetween(filters.from, filters.to);
  return { from: addDays(filters.from, -length), to: addDays(filters.from, -1) };
}

/** Every day of a period in order, so series have a point (possibly zero) for each day. */
export function eachDay(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

/**
 * The customer restriction of a filter as a SQL predicate on `column` (a customer id column):
 * members of the segment and/or customers from the acquisition channel.
 */
export function customerFilter(filters: Pick<KpiFilters, "segmentId" | "channel">, column: SQL): SQL {
  const parts: SQL[] = [];
  if (filters.segmentId) parts.push(sql`${column} IN (SELECT customer_id FROM segment_members WHERE segment_id = ${filters.segmentId}::uuid)`);
  if (filters.channel) parts.push(sql`${column} IN (SELECT id FROM customers WHERE acquisition_channel = ${filters.channel})`);
  return parts.length ? sql.join(parts, sql` AND `) : sql`TRUE`;
}

/** Relative change from `previous` to `current`; null when there is nothing to compare with. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
