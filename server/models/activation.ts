import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { enqueueJob, jobKinds } from "../jobs";
import { findActiveRun, findRun, setActive } from "./runs.repo";

/** Who activates: a staff member, or the system itself (the demo's out-of-the-box models). */
export type Activator = { id: string; email: string } | "system";

/**
 * Puts a succeeded run in use for its task (the only way the model in use changes), audits it
 * and enqueues scoring. `mode: "rollback"` additionally requires an earlier version than the
 * active one, and is audited as a rollback.
 */
export async function activateRun(db: Db, actor: Activator, runId: string, mode: "activate" | "rollback" = "activate") {
  return db.transaction(async (tx) => {
    const run = await findRun(tx, runId);
    if (!run) throw new AppError("NOT_FOUND", "No such model run", "id");
    if (run.status !== "succeeded" || !run.artifact) throw new AppError("PRECONDITION_FAILED", `Version ${run.version} did not finish successfully and cannot be put in use`, "id");
    const previous = await findActiveRun(tx, run.task);
    if (previous?.id === run.id) throw new AppError("CONFLICT", `Version ${run.version} is already in use`, "id");
    if (mode === "rollback" && (!previous || run.version >= previous.version)) {
      throw new AppError("PRECONDITION_FAILED", "Roll back only to a version earlier than the one in use", "id");
    }
    await setActive(tx, run, actor === "system" ? null : actor.id);
    await recordAudit(tx, {
      actorId: actor === "system" ? null : actor.id,
      actorEmail: actor === "system" ? "system" : actor.email,
      action: mode === "rollback" ? "models.rollback" : "models.activate",
      target: `${run.task} v${run.version}`,
      detail: { runId: run.id, task: run.task, version: run.version, previousRunId: previous?.id ?? null, previousVersion: previous?.version ?? null, bySystem: actor === "system" },
    });
    const job = await enqueueJob(tx, jobKinds.modelsScore, { runId: run.id }, { createdBy: actor === "system" ? null : actor.id });
    return { runId: run.id, task: run.task, version: run.version, previousVersion: previous?.version ?? null, scoreJobId: job.id };
  });
}
