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

/**
 * Brings the KPI rollups up to date with the events table. Incremental by day: only the UTC days
 * that received events since the last run's ingestion watermark are recomputed (a late import of
 * old events re-rolls exactly those old days). `full` recomputes every day.
 *
 * Short transactions, not one: on the embedded engine a transaction holds the only connection,
 * so a full rollup in one would keep every request waiting for seconds. Each calendar month's
 * days, their month rows, day totals and segment sums commit together (a panel never sees a
 * month half rebuilt); then each derived table commits on its own; the watermark moves last, so
 * a rollup that dies part-way is redone from the same watermark by the next one.
 */
export async function refreshKpiRollups(
  db: Db,
  options: { full?: boolean } = {},
  onProgress?: (fraction: number, message: string) => Promise<void> | void,
): Promise<RollupSummary> {
  const started = performance.now();
  const report = async (fraction: number, message: string) => {
    await onProgress?.(fraction, message);
  };
  const through = await latestIngestedAt(db);
  const watermark = options.full ? null : await readWatermark(db);
  const full = watermark === null;
  if (!through) return { full, days: 0, rows: 0, seconds: (performance.now() - started) / 1000 };
  const days = await touchedDays(db, watermark, through);
  const months = byMonth(days);
  let rows = 0;
  let done = 0;
  for (const monthDays of months) {
    rows += await db.transaction(async (tx) => {
      await allowLargeAggregates(tx);
      const inserted = await rebuildDays(tx, monthDays);
      await rebuildMonths(tx, monthDays);
      await rebuildDayTotals(tx, monthDays);
      await refreshSegmentDays(tx, monthDays);
      return inserted;
    });
    done += monthDays.length;
    await report((0.8 * done) / days.length, `days ${done}/${days.length}`);
  }
  if (days.length === 0) await db.transaction((tx) => refreshSegmentDays(tx, []));
  const steps: Array<[string, (tx: Db) => Promise<void>]> = [
    ["first days", (tx) => rebuildFirsts(tx, days, full)],
    ["timelines", (tx) => rebuildTimeline(tx, days, full)],
  ];
  if (days.length > 0) {
    steps.push(
      ["cohorts", (tx) => rebuildCohorts(tx)],
      ["weekly cohorts", (tx) => rebuildWeeklyCohorts(tx, days, full)],
      ["trailing value", (tx) => rebuildTrailingValue(tx)],
      ["learning paths", (tx) => rebuildNextCourse(tx)],
    );
  }
  for (const [index, [label, step]] of steps.entries()) {
    await db.transaction(async (tx) => {
      await allowLargeAggregates(tx);
      await step(tx);
    });
    await report(0.8 + (0.2 * (index + 1)) / (steps.length + 1), label);
  }
  await writeWatermark(db, through, days.length);
  await report(1, "done");
  return { full, days: days.length, rows, seconds: (performance.now() - started) / 1000 };
}

/** Sorted days grouped by calendar month, in order. */
function byMonth(days: readonly string[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const day of days) {
    const month = day.slice(0, 7);
    const group = groups.get(month);
    if (group) group.push(day);
    else groups.set(month, [day]);
  }
  return [...groups.values()];
}
