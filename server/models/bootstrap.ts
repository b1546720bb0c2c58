import type { Db } from "../db";
import { MODEL_TASKS } from "../db";
import { ZTrainRequest, type TrainRequest } from "../../lib/shared/models.schemas";
import { requestTraining } from "./registry.service";
import { findActiveRun } from "./runs.repo";

/**
 * Demo defaults, chosen to be quick on the 5,000-customer demo while still honest: fewer k values
 * and restarts, three CV folds and 60 boosting rounds. Admins retrain with full settings later.
 */
export const DEMO_DEFAULTS: TrainRequest[] = [
  ZTrainRequest.parse({ task: "clusters", params: { kMin: 3, kMax: 8, restarts: 2, silhouetteSample: 1500 } }),
  ZTrainRequest.parse({ task: "hierarchy", params: { leaves: 30 } }),
  ZTrainRequest.parse({ task: "baskets", params: { minSupport: 0.01, minConfidence: 0.2, maxLength: 3 } }),
  ZTrainRequest.parse({ task: "propensity", params: { algorithm: "gbt", folds: 3, trees: 60 } }),
  ZTrainRequest.parse({ task: "churn", params: { algorithm: "gbt", folds: 3, trees: 60 } }),
];

/**
 * Queues a default model for every task that has none in use (or for every task with `retrain`);
 * a model activates itself as the system when done only where none is in use, so a retrain never
 * replaces what an admin activated.
 */
export async function queueDefaultModels(db: Db, options: { retrain?: boolean } = {}): Promise<string[]> {
  const queued: string[] = [];
  for (const request of DEMO_DEFAULTS) {
    if (!options.retrain && (await findActiveRun(db, request.task))) continue;
    await requestTraining(db, "system", request, { activateIfNone: true });
    queued.push(request.task);
  }
  return queued;
}

/** Queues the default model of one task (activating itself only where none is in use). */
export async function queueDefaultModelFor(db: Db, task: TrainRequest["task"]): Promise<void> {
  const request = DEMO_DEFAULTS.find((r) => r.task === task);
  if (!request) throw new Error(`No default model for task ${task}`);
  await requestTraining(db, "system", request, { activateIfNone: true });
}

export const ALL_TASKS = MODEL_TASKS;
