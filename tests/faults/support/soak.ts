import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../../server/db/client";
import { loadDemo, utcDayStart } from "../../../server/demo";
import { drainJobs, enqueueJob, enqueueJobOnce, jobKinds } from "../../../server/jobs";
import { queueDefaultModels } from "../../../server/models";
import { runPipeline } from "../../../server/worker/pipeline.service";
import { JOB_DEFINITIONS } from "../../../server/worker";
import { databaseExists, faultDatabase, saveAsTemplate, type FaultDatabase } from "./cluster";
import { firstDifference, sortedRows, type Json } from "./same-results";
import { startWorkerProcess, stopWorkers, waitFor, type WorkerProcess } from "./workers";

/*
 * The three-worker soak: the same rounds of jobs (feature refresh, training of every model task,
 * scoring, segment refresh, full KPI rollup, and whatever those set off) run once by three worker
 * processes at the same time and once one after another in a single process, each on its own
 * copy of the same prepared database. After every round both copies must hold the same results.
 */

export interface SoakOptions {
  rounds: number;
  workers: number;
  customers: number;
  log?: (line: string) => void;
}

export interface SoakRound {
  round: number;
  jobs: number;
  /**
   * Jobs of the same round run one after another. Together there can be one more: a follow-up
   * asked for while the same kind was already running is queued again (the running one may have
   * read its input before the newest change), which costs a run but never a wrong result.
   */
  sequentialJobs: number;
  failed: string[];
  seconds: number;
  sequentialSeconds: number;
  /** Tables (or model metrics) whose contents differ from the one-after-another run. */
  differing: string[];
}

const TEMPLATE = (customers: number) => `faults_soak_tpl_${customers}`;

/** The demo with its first models trained and active: every round then recomputes from the same state. */
async function prepareTemplate(customers: number, log: (line: string) => void): Promise<string> {
  const name = TEMPLATE(customers);
  if (await databaseExists(name)) return name;
  log(`[soak] preparing the ${customers}-customer template (once)`);
  const fresh = await faultDatabase({ max: 4 });
  await loadDemo(fresh.database, { customers, days: 180, seed: 11, endAt: utcDayStart(new Date()) });
  const first = await runPipeline(fresh.database.db);
  if (first.failed) throw new Error(`preparing the soak template: ${first.jobs.filter((j) => j.status === "failed").map((j) => `${j.kind}: ${j.error}`).join("; ")}`);
  await saveAsTemplate(fresh, name);
  return name;
}

/** Queues one round; follow-ups (scoring after features, segment refresh after scoring) queue themselves. */
async function queueRound(database: Database): Promise<void> {
  const { db } = database;
  await enqueueJobOnce(db, jobKinds.featuresRefresh, {});
  await enqueueJob(db, jobKinds.kpiRollup, { full: true });
  await queueDefaultModels(db, { retrain: true });
  await enqueueJob(db, jobKinds.modelsScore, {});
  await enqueueJob(db, jobKinds.segmentsRefresh, {});
}

type JobLine = { kind: string; status: string; error: string | null };

async function roundJobs(database: Database, since: Date): Promise<JobLine[]> {
  return database.query<JobLine>("SELECT kind, status, error FROM jobs WHERE created_at >= $1 ORDER BY created_at", [since.toISOString()]);
}

async function settled(database: Database): Promise<boolean> {
  const [open] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE status IN ('queued', 'running') AND run_at <= now() + interval '1 minute'");
  return open?.n === 0;
}

/** Timing keys vary run to run; everything else a job or model records must match. */
function withoutTimings(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !/(seconds|Ms|_ms|duration|elapsed|At$|_at$)/i.test(key))
        .map(([key, inner]) => [key, withoutTimings(inner)]),
    );
  }
  return value;
}

/**
 * The results of every job kind, one row list per table; columns that name a moment or a
 * generated id are left out (a model run is named by its task and version instead of its uuid).
 */
const RESULT_TABLES: Record<string, string> = {
  customer_features: "SELECT to_jsonb(f) - 'computed_at' - 'build_id' AS r FROM customer_features f",
  customer_scores: `SELECT jsonb_build_object('task', m.task, 'version', m.version, 'customer', s.customer_id, 'score', s.score, 'cluster', s.cluster, 'detail', s.detail) AS r
                    FROM customer_scores s JOIN model_runs m ON m.id = s.model_run_id AND m.is_active`,
  segment_members: "SELECT to_jsonb(m) - 'added_at' - 'created_at' AS r FROM segment_members m",
  segments: "SELECT jsonb_build_object('id', id, 'member_count', member_count) AS r FROM segments",
  model_runs: "SELECT jsonb_build_object('task', task, 'version', version, 'status', status, 'active', is_active, 'rows', row_count, 'cutoff', training_cutoff, 'metrics', metrics) AS r FROM model_runs",
  kpi_customer_day: "SELECT to_jsonb(k) AS r FROM kpi_customer_day k",
  kpi_customer_month: "SELECT to_jsonb(k) AS r FROM kpi_customer_month k",
  kpi_day_totals: "SELECT to_jsonb(k) AS r FROM kpi_day_totals k",
  kpi_cohort_month: "SELECT to_jsonb(k) AS r FROM kpi_cohort_month k",
  kpi_cohort_week: "SELECT to_jsonb(k) AS r FROM kpi_cohort_week k",
  kpi_segment_day: "SELECT to_jsonb(k) AS r FROM kpi_segment_day k",
};

async function resultTables(database: Database): Promise<Record<string, Json[]>> {
  const tables: Record<string, Json[]> = {};
  for (const [table, select] of Object.entries(RESULT_TABLES)) {
    const rows = await database.query<{ r: Json }>(select);
    tables[table] = sortedRows(rows.map((row) => withoutTimings(row.r)));
  }
  return tables;
}

/** Each table whose results differ, with the first difference found. */
function differences(a: Record<string, Json[]>, b: Record<string, Json[]>): string[] {
  return Object.keys(a).flatMap((table) => {
    const found = firstDifference(a[table]!, b[table] ?? []);
    return found ? [`${table} ${found}`] : [];
  });
}

export async function runSoak(options: SoakOptions): Promise<SoakRound[]> {
  const log = options.log ?? (() => undefined);
  const template = await prepareTemplate(options.customers, log);
  const together: FaultDatabase = await faultDatabase({ template, max: 4 });
  const alone: FaultDatabase = await faultDatabase({ template, max: 4 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-soak-"));
  const workers: WorkerProcess[] = [];
  const rounds: SoakRound[] = [];
  try {
    for (let i = 0; i < options.workers; i++) workers.push(startWorkerProcess(together.url, dataDir));
    for (let round = 1; round <= options.rounds; round++) {
      const since = new Date(Date.now() - 1);
      const began = performance.now();
      await queueRound(together.database);
      await waitFor(`round ${round} on ${options.workers} workers`, async () => ((await settled(together.database)) ? true : undefined), 900_000, 250);
      const seconds = (performance.now() - began) / 1000;
      const jobs = await roundJobs(together.database, since);

      const sequentialSince = new Date(Date.now() - 1);
      const sequentialBegan = performance.now();
      await queueRound(alone.database);
      await drainJobs(alone.database.db, JOB_DEFINITIONS, `soak-alone-${process.pid}`);
      const sequentialSeconds = (performance.now() - sequentialBegan) / 1000;
      const sequentialJobs = await roundJobs(alone.database, sequentialSince);

      const failed = [...jobs, ...sequentialJobs].filter((job) => job.status !== "succeeded").map((job) => `${job.kind} ${job.status}: ${job.error ?? ""}`);
      const differing = differences(await resultTables(together.database), await resultTables(alone.database));
      rounds.push({ round, jobs: jobs.length, sequentialJobs: sequentialJobs.length, failed, seconds, sequentialSeconds, differing });
      log(`[soak] round ${round}: ${jobs.length} jobs on ${options.workers} workers in ${seconds.toFixed(1)} s (one after another: ${sequentialJobs.length} jobs, ${sequentialSeconds.toFixed(1)} s); failed ${failed.length}; differing ${differing.join("; ") || "none"}`);
    }
    return rounds;
  } finally {
    const output = workers.map((worker) => worker.output()).join("\n");
    await stopWorkers(workers);
    if (rounds.some((r) => r.failed.length)) log(output.split("\n").filter((line) => /failed|error/i.test(line)).slice(0, 40).join("\n"));
    await together.dispose();
    await alone.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
