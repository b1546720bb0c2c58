import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { cancelJob, enqueueJob, jobKinds } from "../jobs";
import { activateRun, type Activator } from "./activation";
import type { ModelTask, TrainRequest } from "../../lib/shared/models.schemas";
import { productTitles } from "./products.repo";
import { findActiveRun, findPendingRun, findRun, insertQueuedRun, listRunSummaries, updateRun } from "./runs.repo";

export interface Actor {
  id: string;
  email: string;
}

/**
 * Queues a training run. A task with a run already queued or running gets that run back
 * (deduped: true) instead of a second one, however many requests arrive at once.
 */
export async function requestTraining(db: Db, actor: Actor | "system", request: TrainRequest, options: { activateIfNone?: boolean } = {}) {
  const algorithm = "algorithm" in request.params ? request.params.algorithm : request.task === "baskets" ? "fpgrowth" : request.task === "hierarchy" ? "ward" : "kmeans";
  return db.transaction(async (tx) => {
    const inserted = await insertQueuedRun(tx, { task: request.task, algorithm, params: request.params, trainedBy: actor === "system" ? null : actor.id });
    if (!inserted) {
      const pending = await findPendingRun(tx, request.task);
      if (!pending) throw new AppError("CONFLICT", "Another training request for this task is being created; try again", "task");
      return { runId: pending.id, version: pending.version, deduped: true };
    }
    const job = await enqueueJob(tx, jobKinds.modelsTrain, { runId: inserted.id, activateIfNone: options.activateIfNone }, { createdBy: actor === "system" ? null : actor.id });
    await updateRun(tx, inserted.id, { jobId: job.id });
    await recordAudit(tx, {
      actorId: actor === "system" ? null : actor.id,
      actorEmail: actor === "system" ? "system" : actor.email,
      action: "models.train",
      target: `${request.task} v${inserted.version}`,
      detail: { runId: inserted.id, task: request.task, algorithm, params: request.params },
    });
    return { runId: inserted.id, version: inserted.version, deduped: false };
  });
}

export async function activate(db: Db, actor: Activator, runId: string) {
  return activateRun(db, actor, runId, "activate");
}

export async function rollback(db: Db, actor: Activator, runId: string) {
  return activateRun(db, actor, runId, "rollback");
}

/** Cancels a queued or running run: it stops at its next progress report and is marked cancelled. */
export async function cancelRun(db: Db, actor: Actor, runId: string) {
  const run = await findRun(db, runId);
  if (!run) throw new AppError("NOT_FOUND", "No such model run", "id");
  if (run.status !== "queued" && run.status !== "running") throw new AppError("PRECONDITION_FAILED", `Version ${run.version} is ${run.status}; only queued or running runs can be cancelled`, "id");
  await updateRun(db, run.id, { status: "cancelled", finishedAt: new Date(), progressMessage: "Cancelled" }, ["queued", "running"]);
  if (run.jobId) await cancelJob(db, run.jobId);
  await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "models.cancel", target: `${run.task} v${run.version}`, detail: { runId: run.id } });
  return { runId: run.id, status: "cancelled" as const };
}

export async function listRuns(db: Db, task: ModelTask | undefined, limit: number) {
  return listRunSummaries(db, task, limit);
}

export async function getRun(db: Db, runId: string) {
  const run = await findRun(db, runId);
  if (!run) throw new AppError("NOT_FOUND", "No such model run", "id");
  const active = await findActiveRun(db, run.task);
  // Rules name products by id; the screen shows their titles.
  const ids = new Set<number>();
  const artifact = run.artifact as { kind?: string; rules?: Array<{ antecedent: number[]; consequent: number[] }> } | null;
  if (artifact?.kind === "baskets") for (const rule of artifact.rules ?? []) for (const id of [...rule.antecedent, ...rule.consequent]) ids.add(id);
  const titles = ids.size ? await productTitles(db, [...ids]) : [];
  return { ...run, activeVersion: active?.version ?? null, productTitles: titles };
}

/** Two runs of the same task side by side (metrics; the UI overlays their ROC curves). */
export async function compareRuns(db: Db, a: string, b: string) {
  const [left, right] = await Promise.all([findRun(db, a), findRun(db, b)]);
  if (!left) throw new AppError("NOT_FOUND", "No such model run", "a");
  if (!right) throw new AppError("NOT_FOUND", "No such model run", "b");
  if (left.task !== right.task) throw new AppError("BAD_REQUEST", "Compare runs of the same task", "b");
  const strip = (r: typeof left) => ({ ...r, artifact: null });
  return { a: strip(left), b: strip(right) };
}
