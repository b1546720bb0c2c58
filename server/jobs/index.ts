export { handleJob } from "./definition";
export type { JobContext, JobType, JsonValue } from "./definition";
export { ZCsvImportPayload, ZDatasetImportPayload, jobKinds } from "./kinds";
export type { CsvImportPayload, DatasetImportPayload } from "./kinds";
export { listJobsSince } from "./jobs.repo";
export type { JobRow } from "./jobs.repo";
export { JobCancelledError, cancelJob, drainJobs, enqueueJob, enqueueJobOnce, getJob } from "./queue";
export { startWorker } from "./worker";
export type { WorkerHandle } from "./worker";
