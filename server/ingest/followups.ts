import type { Db } from "../db";
import { enqueueJobOnce, jobKinds } from "../jobs";

/**
 * A feature refresh rebuilds customer_features for EVERY customer (then rescoring and segment
 * refresh follow), so it is far too heavy to run per API batch. It is queued once, this long after
 * the first batch that found none waiting: a steady stream of batches costs one refresh per window.
 */
export const FEATURE_REFRESH_DELAY_MS = 10 * 60_000;

/**
 * The KPI rollup waits this long after the first batch that found none waiting, so a stream of
 * batches shares one rollup per window instead of queueing a new one behind each that started.
 * The rollup finds the touched days itself, so one run covers every batch of its window.
 */
export const ROLLUP_COALESCE_MS = 15_000;

/**
 * Follow-up work for a batch of new events, queued in the batch's own transaction (a rejected
 * batch leaves nothing queued): one incremental KPI rollup (only the touched days) at the end of
 * a short window, and one delayed feature refresh. Neither is queued again while one is waiting.
 */
export async function enqueueAfterEvents(tx: Db, now = new Date()) {
  const rollup = await enqueueJobOnce(tx, jobKinds.kpiRollup, {}, { runAt: new Date(now.getTime() + ROLLUP_COALESCE_MS) });
  const features = await enqueueJobOnce(tx, jobKinds.featuresRefresh, {}, { runAt: new Date(now.getTime() + FEATURE_REFRESH_DELAY_MS) });
  return { rollup, features };
}
