import { recordAudit } from "../audit";
import type { Db } from "../db";
import { MODEL_TASKS } from "../db";
import { ZTrainRequest, type ModelTask } from "../../lib/shared/models.schemas";
import { requestTraining, type Actor } from "./registry.service";
import { findActiveRun } from "./runs.repo";
import { claimNightlyRun, findSchedule, saveSchedule } from "./schedule.repo";

export async function getSchedule(db: Db) {
  return (await findSchedule(db)) ?? { id: 1, nightly: false, hourUtc: 2, lastEnqueuedOn: null, updatedBy: null, updatedAt: null };
}

export async function setSchedule(db: Db, actor: Actor, input: { nightly: boolean; hourUtc: number }) {
  return db.transaction(async (tx) => {
    await saveSchedule(tx, { nightly: input.nightly, hourUtc: input.hourUtc, updatedBy: actor.id });
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "models.schedule", target: input.nightly ? "nightly on" : "nightly off", detail: input });
    return getSchedule(tx);
  });
}

/** The retrain request for a task: the active run's parameters when there is one, else defaults. */
async function retrainRequestFor(db: Db, task: ModelTask) {
  const active = await findActiveRun(db, task);
  return ZTrainRequest.parse({ task, params: active?.params ?? {} });
}

/**
 * The worker's scheduler tick: once per UTC day, after the configured hour, enqueue a retrain
 * of every task (new versions only; activation stays an explicit decision). The day is claimed
 * with a conditional UPDATE, so any number of workers ticking at once enqueue one set.
 */
export async function nightlyTick(db: Db, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  if (!(await claimNightlyRun(db, today, now.getUTCHours()))) return 0;
  let queued = 0;
  for (const task of MODEL_TASKS) {
    const result = await requestTraining(db, "system", await retrainRequestFor(db, task));
    if (!result.deduped) queued++;
  }
  return queued;
}
