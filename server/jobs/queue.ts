import { analyzeChangedTables, type Db } from "../db";
import { AppError, describeError } from "../errors";
import { claimNextJob, findJob, heartbeat, insertJob, insertJobUnlessQueued, markCancelled, markFailed, markSucceeded, saveProgress, type JobRow } from "./jobs.repo";
import { clearLive, getLive, setLive } from "./live-progress";
import type { JobKind, JobType } from "./definition";

export type { JobRow };

const PROGRESS_WRITE_INTERVAL_MS = 500;
/**
 * A running job renews its lease this often even when it reports no progress; a lease four beats
 * old (worker.ts) means the process died, so a killed job is back in the queue within 30 s.
 */
export const HEARTBEAT_INTERVAL_MS = 5_000;

/** Thrown from reportProgress once the job has been cancelled: the handler stops there. */
export class JobCancelledError extends Error {
  constructor(readonly jobId: string) {
    super(`Job ${jobId} was cancelled`);
    this.name = "JobCancelledError";
  }
}

/**
 * Cancels a job: a queued one never starts; a running one stops at its next progress report
 * (at once when it runs in this process, else when its next progress write finds the row cancelled).
 */
export async function cancelJob(db: Db, id: string): Promise<boolean> {
  const cancelled = await markCancelled(db, id);
  const running = getLive(id);
  if (running) setLive({ ...running, cancelled: true });
  return cancelled;
}

export async function enqueueJob<P>(
  db: Db,
  definition: JobKind<P>,
  payload: P,
  options: { createdBy?: string | null; runAt?: Date } = {},
): Promise<{ id: string }> {
  const parsed = definition.parsePayload(payload);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", `Invalid ${definition.kind} job: ${parsed.message}`);
  const row = await insertJob(db, { kind: definition.kind, payload: parsed.value, maxAttempts: definition.maxAttempts, ...options });
  return { id: row.id };
}

/**
 * Enqueues unless the same kind with the same payload is already waiting to run: for follow-up
 * work (rollups, rescoring) that one later run covers however many times it was asked for.
 */
export async function enqueueJobOnce<P>(
  db: Db,
  definition: JobKind<P>,
  payload: P,
  options: { createdBy?: string | null; runAt?: Date } = {},
): Promise<{ id: string; deduped: boolean }> {
  const parsed = definition.parsePayload(payload);
  if (!parsed.ok) throw new AppError("BAD_REQUEST", `Invalid ${definition.kind} job: ${parsed.message}`);
  return insertJobUnlessQueued(db, { kind: definition.kind, payload: parsed.value, maxAttempts: definition.maxAttempts, ...options });
}

export type JobStatus = Pick<JobRow, "id" | "kind" | "status" | "progress" | "progressMessage" | "result" | "error" | "attempts" | "createdAt" | "runAt" | "startedAt" | "finishedAt">;

/** A job's state: live from memory while it runs in this process, otherwise from its row. */
export async function getJob(db: Db, id: string): Promise<JobStatus | undefined> {
  const running = getLive(id);
  if (running) {
    return {
      id,
      kind: running.kind,
      status: "running",
      progress: running.progress,
      progressMessage: running.message,
      result: null,
      error: null,
      attempts: running.attempt,
      createdAt: running.startedAt,
      runAt: running.startedAt,
      startedAt: running.startedAt,
      finishedAt: null,
    };
  }
  return findJob(db, id);
}

/** Exponential backoff: 5 s, 20 s, 80 s, ... capped at 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 4 ** Math.max(0, attempt - 1), 600_000);
}

export type JobLog = (line: string) => void;

async function execute(db: Db, definition: JobType, job: JobRow, log: JobLog): Promise<void> {
  const parsed = definition.parsePayload(job.payload);
  if (!parsed.ok) {
    // A payload that does not validate will not validate next time either.
    await markFailed(db, job, `Invalid payload: ${parsed.message}`, null);
    log(`[jobs] ${job.kind} ${job.id} failed: invalid payload: ${parsed.message}`);
    return;
  }
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  log(`[jobs] ${job.kind} ${job.id} started (attempt ${job.attempts} of ${job.maxAttempts})`);
  let lastWrite = 0;
  setLive({ jobId: job.id, kind: job.kind, attempt: job.attempts, progress: 0, message: null, startedAt: new Date() });
  const beat = setInterval(() => void heartbeat(db, job.id).catch(() => undefined), HEARTBEAT_INTERVAL_MS);
  beat.unref();
  try {
    const result = await definition.execute({
      db,
      payload: parsed.value,
      jobId: job.id,
      attempt: job.attempts,
      async reportProgress(fraction, message) {
        const progress = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
        const current = getLive(job.id);
        if (current?.cancelled) throw new JobCancelledError(job.id);
        if (current) setLive({ ...current, progress, message: message ?? current.message });
        const now = Date.now();
        if (now - lastWrite >= PROGRESS_WRITE_INTERVAL_MS) {
          lastWrite = now;
          // Not running any more: cancelled from another process (or taken over when judged stale).
          if (!(await saveProgress(db, job.id, progress, message ?? null))) throw new JobCancelledError(job.id);
        }
      },
    });
    await markSucceeded(db, job.id, result);
    log(`[jobs] ${job.kind} ${job.id} succeeded in ${took()}`);
  } catch (error) {
    if (error instanceof JobCancelledError) {
      await markCancelled(db, job.id);
      log(`[jobs] ${job.kind} ${job.id} cancelled after ${took()}`);
      return;
    }
    // The database's message and code, never the failed SQL with its parameters (personal data).
    const message = describeError(error);
    // An AppError is a verdict on the data or the request (invalid rows, a one-class label window,
    // a missing model): another attempt would meet the same data and fail the same way.
    const permanent = error instanceof AppError;
    const retryInMs = permanent ? null : retryDelayMs(job.attempts);
    await markFailed(db, job, message, retryInMs);
    const next = retryInMs !== null && job.attempts < job.maxAttempts ? `retrying in ${retryInMs / 1000} s` : "giving up";
    log(`[jobs] ${job.kind} ${job.id} failed after ${took()} (${next}): ${message}`);
  } finally {
    clearInterval(beat);
    clearLive(job.id);
  }
}

/** Claims and runs one due job; false when none was due. */
export async function runNextJob(db: Db, definitions: readonly JobType[], workerId: string, log: JobLog = () => undefined): Promise<boolean> {
  const byKind = new Map(definitions.map((d) => [d.kind, d] as const));
  const job = await claimNextJob(db, [...byKind.keys()], workerId);
  if (!job) return false;
  const definition = byKind.get(job.kind);
  if (!definition) throw new Error(`No definition for claimed job kind ${job.kind}`);
  await execute(db, definition, job, log);
  // Jobs are where bulk writes happen; the next screen query is planned on fresh statistics.
  await analyzeChangedTables(db).catch((error: unknown) => log(`[jobs] analyze after ${job.kind} failed: ${describeError(error)}`));
  return true;
}

/** Runs due jobs in this process until none is left (tests and CLIs). */
export async function drainJobs(db: Db, definitions: readonly JobType[], workerId = `drain-${process.pid}`, log: JobLog = () => undefined): Promise<number> {
  let ran = 0;
  while (await runNextJob(db, definitions, workerId, log)) ran++;
  return ran;
}
