import type { Db } from "../db/client";
import { enqueueJobOnce } from "../jobs/queue";
import { scoreModelsJob } from "../models/score.job";
import { listActiveRuns } from "../models/runs.repo";
import { refreshSegmentsJob } from "../segments/refresh.job";

/**
 * What fresh features make stale, queued once: the active models' scores (the score job then
 * refreshes segments itself), or, with no model in use, the segments directly (rule segments read
 * customer_features).
 */
export async function enqueueAfterFeatureRefresh(db: Db): Promise<{ kind: string; id: string; deduped: boolean }> {
  const active = await listActiveRuns(db);
  if (active.length > 0) return { kind: scoreModelsJob.kind, ...(await enqueueJobOnce(db, scoreModelsJob, {})) };
  return { kind: refreshSegmentsJob.kind, ...(await enqueueJobOnce(db, refreshSegmentsJob, {})) };
}
