import { handleJob, jobKinds } from "../jobs";
import { trainRun } from "./train.service";

export const MODELS_TRAIN_KIND = jobKinds.modelsTrain.kind;

export const trainModelJob = handleJob(jobKinds.modelsTrain, (ctx) => trainRun(ctx, jobKinds.modelsTrain.maxAttempts));
