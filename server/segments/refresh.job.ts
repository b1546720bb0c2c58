import type { Db } from "../db/client";
import { defineJob } from "../jobs/registry";
import { listLiveSegmentIds } from "./segments.repo";
import { ZRefreshAllPayload } from "./segments.schemas";
import { refreshSegment } from "./segments.service";

export const SEGMENTS_REFRESH_KIND = "segments.refresh";

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

export const refreshSegmentsJob = defineJob({
  kind: SEGMENTS_REFRESH_KIND,
  payload: ZRefreshAllPayload,
  maxAttempts: 2,
  async handler({ db, payload, reportProgress }) {
    const result = await refreshAllSegments(db, { segmentIds: payload.segmentIds, onProgress: reportProgress });
    return { refreshed: result.refreshed, failed: result.failed };
  },
});
