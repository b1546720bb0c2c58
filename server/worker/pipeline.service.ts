import type { Db } from "../db";
import { drainJobs, enqueueJobOnce, jobKinds, listJobsSince, type JobRow } from "../jobs";
import { queueDefaultModels, queueDefaultModelFor } from "../models";
import type { ModelTask } from "../../lib/shared/models.schemas";
import { JOB_DEFINITIONS } from "./registry";

export interface PipelineRun {
  /** Every job this run queued or set off (scoring and segment refreshes follow features on their own). */
  jobs: Pick<JobRow, "kind" | "status" | "error" | "attempts" | "startedAt" | "finishedAt">[];
  failed: number;
}

/** What to run: everything, or one stage (the stages after it follow on their own, as in the app). */
export type PipelineStep = { step: "all" } | { step: "features" } | { step: "rollup" } | { step: "segments" } | { step: "train"; task: ModelTask };

/**
 * What the app does after new data, run to the end in this process. "all": features, KPI rollups,
 * a default model for each task without one (or every task with `retrain`), then whatever those
 * set off (scoring, segment refresh). For imports made from the command line, where nobody presses
 * a button in the UI. Jobs already waiting (say, an ingest's delayed feature refresh) are brought
 * forward rather than queued twice.
 */
export async function runPipeline(db: Db, options: { step?: PipelineStep; retrain?: boolean; log?: (line: string) => void } = {}): Promise<PipelineRun> {
  const since = new Date(Date.now() - 1000);
  const log = options.log ?? (() => undefined);
  const step = options.step ?? { step: "all" };
  const queued: string[] = [];
  if (step.step === "all" || step.step === "features") {
    await enqueueJobOnce(db, jobKinds.featuresRefresh, {});
    queued.push("features refresh");
  }
  if (step.step === "all" || step.step === "rollup") {
    await enqueueJobOnce(db, jobKinds.kpiRollup, {});
    queued.push("KPI rollup");
  }
  if (step.step === "segments") {
    await enqueueJobOnce(db, jobKinds.segmentsRefresh, {});
    queued.push("segment refresh");
  }
  if (step.step === "all") {
    const tasks = await queueDefaultModels(db, { retrain: options.retrain });
    if (tasks.length) queued.push(`training of ${tasks.join(", ")}`);
  }
  if (step.step === "train") {
    await queueDefaultModelFor(db, step.task);
    queued.push(`training of ${step.task}`);
  }
  log(`[pipeline] queued: ${queued.join(", ")}`);
  await drainJobs(db, JOB_DEFINITIONS, `pipeline-${process.pid}`, log);
  const jobs = (await listJobsSince(db, since)).map(({ kind, status, error, attempts, startedAt, finishedAt }) => ({ kind, status, error, attempts, startedAt, finishedAt }));
  return { jobs, failed: jobs.filter((job) => job.status === "failed").length };
}
