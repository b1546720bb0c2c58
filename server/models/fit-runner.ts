import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { FitInput, FitOutput } from "./fit";
import type { FitProgress } from "./fit-progress";
import { AppError, type AppErrorCode } from "../errors";

/**
 * The thread entry, found from the working directory (the repository root under `npm start`,
 * `npm run worker`, vitest and the benches) rather than from this module's URL, which the
 * Next.js bundle rewrites. STRATUM_ROOT overrides it for unusual launch directories.
 */
function threadEntry(): string {
  const root = process.env.STRATUM_ROOT ?? process.cwd();
  const file = path.join(/*turbopackIgnore: true*/ root, "server", "models", "fit-thread.mjs");
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) throw new Error(`Training thread entry not found at ${file}`);
  return file;
}

function transferables(input: FitInput): ArrayBuffer[] {
  const buffers: ArrayBufferLike[] = [];
  if (input.task === "clusters" || input.task === "hierarchy") buffers.push(input.X.buffer);
  if (input.task === "propensity" || input.task === "churn") {
    buffers.push(input.latest.X.buffer, input.latest.y.buffer);
    if (input.earlier) buffers.push(input.earlier.X.buffer, input.earlier.y.buffer);
  }
  return buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}

export interface FitHandle {
  result: Promise<FitOutput>;
  /** Stops the thread at once (cancellation); the result promise then rejects. */
  terminate(): Promise<void>;
}

/**
 * Runs a fit in a worker thread so the process's event loop (the web server, when the worker is
 * in-process) keeps answering. Progress reports arrive through `onProgress`; if that callback
 * throws (a cancelled job), the thread is terminated and the result rejects with that error.
 */
export function runFitInThread(input: FitInput, onProgress: (progress: FitProgress) => Promise<void> | void): FitHandle {
  const worker = new Worker(threadEntry());
  let settled = false;
  let fail: (error: unknown) => void = () => undefined;
  const result = new Promise<FitOutput>((resolve, reject) => {
    fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    // Progress is handled one report at a time so a slow database write never reorders them.
    let chain: Promise<void> = Promise.resolve();
    worker.on("message", (message: { type: string; progress?: FitProgress; output?: FitOutput; message?: string; code?: AppErrorCode }) => {
      if (message.type === "ready") {
        worker.postMessage(input, transferables(input));
      } else if (message.type === "progress" && message.progress) {
        const progress = message.progress;
        chain = chain.then(() => onProgress(progress)).catch(fail);
      } else if (message.type === "done" && message.output) {
        const output = message.output;
        void chain.then(() => {
          if (settled) return;
          settled = true;
          void worker.terminate();
          resolve(output);
        });
      } else if (message.type === "error") {
        const text = message.message ?? "Training failed";
        fail(message.code ? new AppError(message.code, text) : new Error(text));
      }
    });
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`Training thread exited with code ${code}`)));
  });
  return {
    result,
    async terminate() {
      fail(new Error("Training thread terminated"));
      await worker.terminate();
    },
  };
}
