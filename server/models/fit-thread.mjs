// Entry of the training worker thread. Plain .mjs on purpose: it is loaded from disk by path,
// so it works the same under tsx, vitest and the bundled Next.js server. It registers tsx so the
// TypeScript sources of the fit (server/models/fit.ts and server/ml) load without a build step.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

// tsImport loads the TypeScript graph with its own scoped loader, whatever the parent process
// registered (plain node under Next.js, tsx, or vitest). The package is CommonJS, so the
// module's exports may arrive under `default`.
const fitModule = await tsImport("./fit.ts", import.meta.url);
const runFit = fitModule.runFit ?? fitModule.default?.runFit;

parentPort.on("message", async (input) => {
  try {
    const output = await runFit(input, (progress) => parentPort.postMessage({ type: "progress", progress }));
    parentPort.postMessage({ type: "done", output });
  } catch (error) {
    // The code survives the thread boundary so the queue still knows a data problem needs no retry.
    const code = error && typeof error === "object" && error.name === "AppError" ? error.code : undefined;
    parentPort.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error), code });
  }
});
parentPort.postMessage({ type: "ready" });
