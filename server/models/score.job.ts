import { z } from "zod";
import { defineJob } from "../jobs/registry";
import { enqueueJobOnce } from "../jobs/queue";
import { refreshSegmentsJob } from "../segments/refresh.job";
import { listActiveRuns } from "./runs.repo";
import { scoreRun } from "./score.service";

export const MODELS_SCORE_KIND = "models.score";

/** Scores every customer with one run (after its activation) or with every active run; then refreshes segments. */
export const scoreModelsJob = defineJob({
  kind: MODELS_SCORE_KIND,
  payload: z.object({ runId: z.uuid().optional() }).strict(),
  maxAttempts: 3,
  async handler({ db, payload, reportProgress }) {
    const runIds = payload.runId ? [payload.runId] : (await listActiveRuns(db)).map((r) => r.id);
    const results: Array<{ runId: string; scored: number }> = [];
    for (const [index, runId] of runIds.entries()) {
      results.push(await scoreRun(db, runId, (f, m) => reportProgress((index + f) / runIds.length, m)));
    }
    // Score and cluster segments read customer_scores: bring their members up to date.
    await enqueueJobOnce(db, refreshSegmentsJob, {});
    return { results };
  },
});
