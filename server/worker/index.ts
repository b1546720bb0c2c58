export { JOB_DEFINITIONS } from "./registry";
export { startAppWorker } from "./app-worker";
export { runPipeline } from "./pipeline.service";
export type { PipelineRun, PipelineStep } from "./pipeline.service";
