import { enqueueJobOnce, handleJob, jobKinds } from "../jobs";
import { listActiveRuns } from "./runs.repo";
import { scoreRun } from "./score.service";

export const MODELS_SCORE_KIND = jobKinds.modelsScore.kind;

/** Scores every customer with one run (after its activation) or with every active run; then refreshes segments. */
export const scoreModelsJob = handleJob(jobKinds.modelsScore, async ({ db, payload, reportProgress }) => {
    const runIds = payload.runId ? [payload.runId] : (await listActiveRuns(db)).map((r) => r.id);
    const results: Array<{ runId: string; scored: number }> = [];
    for (const [index, runId] of runIds.entries()) {
      results.push(await scoreRun(db, runId, (f, m) => reportProgress((index + f) / runIds.length, m)));
    }
    // Score and cluster segments read customer_scores: bring their members up to date.
    await enqueueJobOnce(db, jobKinds.segmentsRefresh, {});
    return { results };
});
