import type { Db } from "../db";
import { allowLargeAggregates } from "../features";
import {
  latestIngestedAt,
  readWatermark,
  rebuildCohorts,
  rebuildDayTotals,
  rebuildDays,
  rebuildFirsts,
  rebuildMonths,
  rebuildNextCourse,
  rebuildTimeline,
  rebuildTrailingValue,
  rebuildWeeklyCohorts,
  touchedDays,
  writeWatermark,
} from "./rollup.repo";
import { refreshSegmentDays } from "../segments";

export interface RollupSummary {
  full: boolean;
  days: number;
  rows: number;
  seconds: number;
}

const DAYS_PER_STEP = 31;

/**
 * Brings the KPI rollups up to date with the events table. Incremental by day: only the UTC days
 * that received events since the last run's ingestion watermark are recomputed (a late import of
 * old events re-rolls exactly those old days). `full` recomputes every day. One transaction, so
 * the panels never read a half-written rollup.
 */
export async function refreshKpiRollups(
  db: Db,
  options: { full?: boolean } = {},
  onProgress?: (fraction: number, message: string) => Promise<void> | void,
): Promise<RollupSummary> {
  const started = performance.now();
  // Progress is not awaited inside the transaction: on PGlite it holds the only connection, and a
  // listener that writes the job row would wait for it forever. Reports settle before returning.
  const pending: Array<Promise<unknown>> = [];
  const report = (fraction: number, message: string) => {
    if (onProgress) pending.push(Promise.resolve().then(() => onProgress(fraction, message)).catch(() => undefined));
  };
  try {
    return await transactionally(db, report, options.full ?? false, started);
  } finally {
    await Promise.all(pending);
  }
}

async function transactionally(db: Db, report: (fraction: number, message: string) => void, forceFull: boolean, started: number): Promise<RollupSummary> {
  return db.transaction(async (tx) => {
    await allowLargeAggregates(tx);
    const through = await latestIngestedAt(tx);
    const watermark = forceFull ? null : await readWatermark(tx);
    const full = watermark === null;
    if (!through) return { full, days: 0, rows: 0, seconds: (performance.now() - started) / 1000 };
    const days = await touchedDays(tx, watermark, through);
    let rows = 0;
    for (let i = 0; i < days.length; i += DAYS_PER_STEP) {
      rows += await rebuildDays(tx, days.slice(i, i + DAYS_PER_STEP));
      report((0.8 * Math.min(days.length, i + DAYS_PER_STEP)) / days.length, `days ${Math.min(days.length, i + DAYS_PER_STEP)}/${days.length}`);
    }
    await rebuildMonths(tx, days);
    await rebuildDayTotals(tx, days);
    await refreshSegmentDays(tx, days);
    await rebuildFirsts(tx, days, full);
    await rebuildTimeline(tx, days, full);
    report(0.85, "cohorts and learning paths");
    if (days.length > 0) {
      await rebuildCohorts(tx);
      await rebuildWeeklyCohorts(tx, days, full);
      await rebuildTrailingValue(tx);
      await rebuildNextCourse(tx);
    }
    await writeWatermark(tx, through, days.length);
    report(1, "done");
    return { full, days: days.length, rows, seconds: (performance.now() - started) / 1000 };
  });
}
