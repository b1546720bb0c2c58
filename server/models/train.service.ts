import { AppError } from "../errors";
import { JobCancelledError } from "../jobs";
import type { JobContext, JsonValue } from "../jobs";
import { activateRun } from "./activation";
import { ZModelArtifact } from "./artifacts";
import { assemble } from "./dataset";
import { runFitInThread } from "./fit-runner";
import { findActiveRun, findRun, updateRun } from "./runs.repo";

const RUN_WRITE_INTERVAL_MS = 500;
/** Share of the progress bar for each phase: reading data, fitting (in the thread), saving. */
const ASSEMBLY_END = 0.15;
const FIT_END = 0.97;

export interface TrainPayload {
  runId: string;
  /** Demo bootstrap: activate as the system when the task has no model in use yet. */
  activateIfNone?: boolean;
}

/**
 * The body of a models.train job: assemble the data (database), fit in a worker thread (CPU),
 * store metrics and artifact. Every progress report goes through the queue (which throws when
 * the job was cancelled) and onto the run row (which throws when the run was cancelled).
 */
export async function trainRun(ctx: Pick<JobContext<TrainPayload>, "db" | "payload" | "reportProgress" | "attempt">, maxAttempts: number): Promise<JsonValue> {
  const { db, payload } = ctx;
  const run = await findRun(db, payload.runId);
  if (!run) throw new AppError("NOT_FOUND", "The model run to train no longer exists", "runId");
  if (run.status === "cancelled" || run.status === "succeeded") return { runId: run.id, skipped: run.status };
  const started = Date.now();
  await updateRun(db, run.id, { status: "running", startedAt: new Date(), progress: 0, progressMessage: "Starting", error: null }, ["queued", "running"]);

  let lastWrite = 0;
  let fitStartedAt = 0;
  const progress = async (fraction: number, stage: string, detail: { step?: number; steps?: number } = {}) => {
    await ctx.reportProgress(fraction, stage);
    const now = Date.now();
    if (now - lastWrite < RUN_WRITE_INTERVAL_MS && fraction < 1) return;
    lastWrite = now;
    // ETA from the fit's own pace: fitting dominates, and its steps take similar time.
    const fitFraction = (fraction - ASSEMBLY_END) / (FIT_END - ASSEMBLY_END);
    const etaSeconds = fitStartedAt && fitFraction > 0.02 ? Math.round((((now - fitStartedAt) / fitFraction) * (1 - fitFraction)) / 1000) : null;
    const stillRunning = await updateRun(db, run.id, { progress: fraction, progressMessage: stage, progressDetail: { stage, ...detail, percent: Math.round(fraction * 100), etaSeconds } }, ["running"]);
    if (!stillRunning) throw new JobCancelledError(run.id);
  };

  try {
    await progress(0.01, "Assembling training data");
    const data = await assemble(db, run.task, run.params, (stage, f) => progress(f, stage));
    await progress(ASSEMBLY_END, `Training on ${data.rowCount} rows`);
    fitStartedAt = Date.now();
    const output = await runFitInThread(data.input, (p) =>
      progress(ASSEMBLY_END + p.fraction * (FIT_END - ASSEMBLY_END), p.stage, { step: p.step, steps: p.steps }),
    ).result;
    await progress(FIT_END, "Saving the model");
    const artifact = ZModelArtifact.parse(output.artifact);
    const saved = await updateRun(
      db,
      run.id,
      {
        status: "succeeded",
        progress: 1,
        progressMessage: "Done",
        progressDetail: { stage: "Done", percent: 100, etaSeconds: 0 },
        metrics: output.metrics,
        artifact,
        rowCount: data.rowCount,
        features: data.features,
        trainingCutoff: data.trainingCutoff,
        labelWindowDays: data.labelWindowDays,
        durationMs: Date.now() - started,
        finishedAt: new Date(),
      },
      ["running"],
    );
    if (!saved) throw new JobCancelledError(run.id);
    let activated = false;
    if (payload.activateIfNone && !(await findActiveRun(db, run.task))) {
      await activateRun(db, "system", run.id);
      activated = true;
    }
    return { runId: run.id, task: run.task, version: run.version, rows: data.rowCount, activated };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof JobCancelledError) {
      await updateRun(db, run.id, { status: "cancelled", finishedAt: new Date(), progressMessage: "Cancelled", durationMs: Date.now() - started }, ["queued", "running", "cancelled"]);
    } else if (error instanceof AppError || ctx.attempt >= maxAttempts) {
      await updateRun(db, run.id, { status: "failed", error: message, finishedAt: new Date(), durationMs: Date.now() - started }, ["queued", "running"]);
    } else {
      // The queue retries with backoff; the run waits as queued, keeping its place in dedupe.
      await updateRun(db, run.id, { status: "queued", error: `Attempt ${ctx.attempt} failed, retrying: ${message}` }, ["running"]);
    }
    throw error;
  }
}
