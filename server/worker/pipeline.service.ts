import type { Db } from "../db";
import { drainJobs, enqueueJobOnce, jobKinds, listJobsSince, type JobRow } from "../jobs";
import { queueDefaultModels } from "../models";
import { JOB_DEFINITIONS } from "./registry";

export interface PipelineRun {
  /** Every job this run queued or set off (scoring and segment refreshes follow features on their own). */
  jobs: Pick<JobRow, "kind" | "status" | "error" | "attempts" | "startedAt" | "finishedAt">[];
  failed: number;
}

/**
 * What the app does after new data, run to the end in this process: features, KPI rollups, a
 * default model for each task without one (or every task with `retrain`), then whatever those set
 * off (scoring, segment refresh). For imports made from the command line, where nobody presses a
 * button in the UI. Jobs already waiting (say, an ingest's delayed feature refresh) are brought
 * forward rather than queued twice.
 */
export async function runPipeline(db: Db, options: { retrain?: boolean; log?: (line: string) => void } = {}): Promise<PipelineRun> {
  const since = new Date(Date.now() - 1000);
  const log = options.log ?? (() => undefined);
  await enqueueJobOnce(db, jobKinds.featuresRefresh, {});
  await enqueueJobOnce(db, jobKinds.kpiRollup, {});
  const tasks = await queueDefaultModels(db, { retrain: options.retrain });
  log(`[pipeline] queued: features refresh, KPI rollup${tasks.length ? `, training of ${tasks.join(", ")}` : ""}`);
  await drainJobs(db, JOB_DEFINITIONS, `pipeline-${process.pid}`, log);
  const jobs = (await listJobsSince(db, since)).map(({ kind, status, error, attempts, startedAt, finishedAt }) => ({ kind, status, error, attempts, startedAt, finishedAt }));
  return { jobs, failed: jobs.filter((job) => job.status === "failed").length };
}
