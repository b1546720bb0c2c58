import type { Db } from "../db";
import { enqueueJobOnce, jobKinds } from "../jobs";

/**
 * A feature refresh rebuilds customer_features for EVERY customer (then rescoring and segment
 * refresh follow), so it is far too heavy to run per API batch. It is queued once, this long after
 * the first batch that found none waiting: a steady stream of batches costs one refresh per window.
 */
export const FEATURE_REFRESH_DELAY_MS = 10 * 60_000;

/**
 * Follow-up work for a batch of new events, queued in the batch's own transaction (a rejected
 * batch leaves nothing queued): one incremental KPI rollup (cheap, only the touched days) to run
 * now, and one delayed feature refresh. Neither is queued again while one is still waiting.
 */
export async function enqueueAfterEvents(tx: Db, now = new Date()) {
  const rollup = await enqueueJobOnce(tx, jobKinds.kpiRollup, {});
  const features = await enqueueJobOnce(tx, jobKinds.featuresRefresh, {}, { runAt: new Date(now.getTime() + FEATURE_REFRESH_DELAY_MS) });
  return { rollup, features };
}
