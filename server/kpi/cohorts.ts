import type { Db } from "../db";
import { cohortSizes, monthlyCohortCells, monthlyCohortsFromRollup, weeklyCohortCells, weeklyCohortsFromRollup, type CohortCell, type CohortSize } from "./cohorts.repo";
import type { KpiFilters } from "./filters.sql";

export interface CohortRow {
  cohort: string;
  size: number;
  /** Share of the cohort active in period n (index n), null where period n is still in the future. */
  retention: Array<number | null>;
  /** Cumulative net revenue per cohort customer (cents) by period n. */
  ltv: Array<number | null>;
  /**
   * The period still running on the range's last day (its retention is only partly observed and
   * would read as a collapse), or null when every shown period is complete.
   */
  currentPeriod: number | null;
}

export interface CohortTriangle {
  grain: "week" | "month";
  periods: number;
  rows: CohortRow[];
  /** Size-weighted mean retention per period over the cohorts that have completed it (running periods are left out). */
  average: Array<number | null>;
}

function periodsBetween(grain: "week" | "month", cohort: string, to: string): number {
  const start = new Date(`${cohort}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  if (grain === "week") return Math.floor((end.getTime() - start.getTime()) / (7 * 86_400_000));
  return (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
}

/** True when the `period`-th period of `cohort` ends on or before `to` (the last day of the range). */
function periodComplete(grain: "week" | "month", cohort: string, period: number, to: string): boolean {
  const start = new Date(`${cohort}T00:00:00Z`);
  const next =
    grain === "week"
      ? new Date(start.getTime() + (period + 1) * 7 * 86_400_000)
      : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + period + 1, 1));
  return next.getTime() - 86_400_000 <= new Date(`${to}T00:00:00Z`).getTime();
}

/** Shapes raw cohort cells into the triangle: pure, so it is tested without a database. */
export function buildTriangle(grain: "week" | "month", to: string, sizes: CohortSize[], cells: CohortCell[]): CohortTriangle {
  const byCohort = new Map<string, Map<number, CohortCell>>();
  for (const cell of cells) {
    const row = byCohort.get(cell.cohort) ?? new Map<number, CohortCell>();
    row.set(cell.period, cell);
    byCohort.set(cell.cohort, row);
  }
  const periods = Math.max(0, ...sizes.map((s) => periodsBetween(grain, s.cohort, to) + 1));
  const rows = sizes.map((s): CohortRow => {
    const reached = periodsBetween(grain, s.cohort, to);
    const own = byCohort.get(s.cohort);
    const retention: Array<number | null> = [];
    const ltv: Array<number | null> = [];
    let cumulative = 0;
    for (let n = 0; n < periods; n++) {
      if (n > reached || s.size === 0) {
        retention.push(null);
        ltv.push(null);
        continue;
      }
      const cell = own?.get(n);
      cumulative += cell?.netCents ?? 0;
      retention.push((cell?.active ?? 0) / s.size);
      ltv.push(cumulative / s.size);
    }
    const currentPeriod = reached >= 0 && reached < periods && !periodComplete(grain, s.cohort, reached, to) ? reached : null;
    return { cohort: s.cohort, size: s.size, retention, ltv, currentPeriod };
  });
  const average = Array.from({ length: periods }, (_, n) => {
    let active = 0;
    let size = 0;
    for (const row of rows) {
      const share = row.retention[n];
      if (share === null || share === undefined || row.currentPeriod === n) continue;
      active += share * row.size;
      size += row.size;
    }
    return size > 0 ? active / size : null;
  });
  return { grain, periods, rows, average };
}

export async function cohortTriangle(db: Db, filters: KpiFilters, grain: "week" | "month"): Promise<CohortTriangle> {
  if (grain === "month" && !filters.segmentId) {
    const { sizes, cells } = await monthlyCohortsFromRollup(db, filters);
    return buildTriangle(grain, filters.to, sizes, cells);
  }
  if (grain === "week" && !filters.segmentId) {
    const { sizes, cells } = await weeklyCohortsFromRollup(db, filters);
    return buildTriangle(grain, filters.to, sizes, cells);
  }
  const [sizes, cells] = await Promise.all([cohortSizes(db, grain, filters), grain === "month" ? monthlyCohortCells(db, filters) : weeklyCohortCells(db, filters)]);
  return buildTriangle(grain, filters.to, sizes, cells);
}
