import type { Db } from "../db";
import { enqueueJob, handleJob, jobKinds } from "../jobs";
import { countQueuedDailyRefreshes } from "./refresh.repo";
import { listLiveSegmentIds } from "./segments.repo";
import { refreshSegment } from "./segments.service";

export const SEGMENTS_REFRESH_KIND = jobKinds.segmentsRefresh.kind;

/** Refreshes each segment in its own transaction: one broken definition does not block the rest. */
export async function refreshAllSegments(
  db: Db,
  options: { segmentIds?: string[]; onProgress?: (fraction: number, message: string) => Promise<void> } = {},
) {
  const ids = options.segmentIds ?? (await listLiveSegmentIds(db));
  const refreshed: Array<{ id: string; size: number }> = [];
  const failed: Array<{ id: string; error: string }> = [];
  for (const [index, id] of ids.entries()) {
    try {
      refreshed.push(await refreshSegment(db, id));
    } catch (error) {
      failed.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
    await options.onProgress?.((index + 1) / ids.length, `${index + 1} of ${ids.length} segments`);
  }
  return { refreshed, failed };
}

/** Five minutes past the next UTC midnight: one snapshot per segment per day. */
export function nextDailyRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 5));
  return next;
}

/**
 * Makes sure one daily refresh is queued. The daily job re-queues itself when it runs, so the
 * chain keeps going; creating a segment starts it when nothing is queued yet.
 */
export async function ensureDailyRefresh(db: Db, now = new Date()): Promise<void> {
  if ((await countQueuedDailyRefreshes(db, SEGMENTS_REFRESH_KIND)) > 0) return;
  await enqueueJob(db, jobKinds.segmentsRefresh, { daily: true }, { runAt: nextDailyRun(now) });
}

export const refreshSegmentsJob = handleJob(jobKinds.segmentsRefresh, async ({ db, payload, reportProgress }) => {
    const result = await refreshAllSegments(db, { segmentIds: payload.segmentIds, onProgress: reportProgress });
    if (payload.daily) await ensureDailyRefresh(db);
    return { refreshed: result.refreshed, failed: result.failed };
});
