import type { Db } from "../db/client";
import {
  latestIngestedAt,
  readWatermark,
  rebuildDays,
  rebuildFirsts,
  rebuildMonths,
  rebuildNextCourse,
  touchedDays,
  writeWatermark,
} from "./rollup.repo";

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
  return db.transaction(async (tx) => {
    const through = await latestIngestedAt(tx);
    const watermark = options.full ? null : await readWatermark(tx);
    const full = watermark === null;
    if (!through) return { full, days: 0, rows: 0, seconds: (performance.now() - started) / 1000 };
    const days = await touchedDays(tx, watermark, through);
    let rows = 0;
    for (let i = 0; i < days.length; i += DAYS_PER_STEP) {
      rows += await rebuildDays(tx, days.slice(i, i + DAYS_PER_STEP));
      await onProgress?.((0.8 * Math.min(days.length, i + DAYS_PER_STEP)) / days.length, `days ${Math.min(days.length, i + DAYS_PER_STEP)}/${days.length}`);
    }
    await rebuildMonths(tx, days);
    await rebuildFirsts(tx, days, full);
    await onProgress?.(0.9, "learning paths");
    if (days.length > 0) await rebuildNextCourse(tx);
    await writeWatermark(tx, through, days.length);
    await onProgress?.(1, "done");
    return { full, days: days.length, rows, seconds: (performance.now() - started) / 1000 };
  });
}
