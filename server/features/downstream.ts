import type { Db } from "../db";
import { enqueueJobOnce, jobKinds } from "../jobs";
import { anyActiveModel } from "./status.repo";

/**
 * What fresh features make stale, queued once: the active models' scores (the score job then
 * refreshes segments itself), or, with no model in use, the segments directly (rule segments read
 * customer_features).
 */
export async function enqueueAfterFeatureRefresh(db: Db): Promise<{ kind: string; id: string; deduped: boolean }> {
  if (await anyActiveModel(db)) return { kind: jobKinds.modelsScore.kind, ...(await enqueueJobOnce(db, jobKinds.modelsScore, {})) };
  return { kind: jobKinds.segmentsRefresh.kind, ...(await enqueueJobOnce(db, jobKinds.segmentsRefresh, {})) };
}
