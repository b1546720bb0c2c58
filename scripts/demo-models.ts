import type { Db } from "../server/db";
import { drainJobs } from "../server/jobs";
import { JOB_DEFINITIONS } from "../server/worker";
import { currentFeatures, MODELS_SCORE_KIND, MODELS_TRAIN_KIND, queueDefaultModels } from "../server/models";
import { SEGMENTS_REFRESH_KIND } from "../server/segments";

/**
 * Demo mode: every task without a model in use gets a default one, trained and activated by the
 * system before the app starts, so segments, KPIs and campaigns have scores out of the box.
 */
export async function trainDemoModels(db: Db, log: (line: string) => void): Promise<void> {
  if ((await currentFeatures(db)).length === 0) return;
  const started = Date.now();
  const queued = await queueDefaultModels(db);
  if (queued.length === 0) return;
  log(`Training default models (${queued.join(", ")})...`);
  const kinds = new Set([MODELS_TRAIN_KIND, MODELS_SCORE_KIND, SEGMENTS_REFRESH_KIND]);
  await drainJobs(db, JOB_DEFINITIONS.filter((d) => kinds.has(d.kind)), `start-${process.pid}`);
  log(`Default models trained, activated and scored in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
