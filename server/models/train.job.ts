import { z } from "zod";
import { defineJob } from "../jobs/registry";
import { trainRun } from "./train.service";

export const MODELS_TRAIN_KIND = "models.train";
const MAX_ATTEMPTS = 3;

export const trainModelJob = defineJob({
  kind: MODELS_TRAIN_KIND,
  payload: z.object({ runId: z.uuid(), activateIfNone: z.boolean().optional() }).strict(),
  maxAttempts: MAX_ATTEMPTS,
  async handler(ctx) {
    return trainRun(ctx, MAX_ATTEMPTS);
  },
});
