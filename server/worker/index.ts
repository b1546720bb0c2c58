export { JOB_DEFINITIONS } from "./registry";
export { startAppWorker } from "./app-worker";
export { runPipeline } from "./pipeline.service";
export type { PipelineRun } from "./pipeline.service";
