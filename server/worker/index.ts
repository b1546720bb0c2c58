export { JOB_DEFINITIONS } from "./registry";
export { startAppWorker } from "./app-worker";
