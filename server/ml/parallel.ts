import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

/**
 * A kernel processes rows [from, to) of one part. It must be self-contained (no imports, no
 * captured variables): its source text is shipped to the worker threads, and it finds all data
 * through the shared buffers. `part` lets it write partial results (sums, gradients) to a slot
 * of its own, which the caller then adds up in a fixed order. Results of unknown size go through
 * `post` (structured clone); `lib` holds the self-contained helper functions given to the pool.
 */
export type Kernel = (
  task: number,
  buffers: Readonly<Record<string, ArrayBufferLike>>,
  from: number,
  to: number,
  part: number,
  post: (message: unknown) => void,
  lib: Readonly<Record<string, (...args: never[]) => unknown>>,
) => void;

export interface PartPool {
  /** Number of parts the rows are split into; results depend on this, never on threading. */
  readonly parts: number;
  /**
   * Runs the kernel on every part (part 0 on the calling thread) and returns when all are done,
   * with every message the kernels posted (part 0's first, then each worker's in order).
   */
  run(task: number): unknown[];
  close(): void;
}

/** Row ranges of `parts` nearly equal parts. */
export function partRanges(rows: number, parts: number): Array<{ from: number; to: number }> {
  return Array.from({ length: parts }, (_, p) => ({ from: Math.floor((rows * p) / parts), to: Math.floor((rows * (p + 1)) / parts) }));
}

const WORKER_SOURCE = (kernelSource: string, lib: Record<string, string>): string => `
"use strict";
const { workerData } = require("node:worker_threads");
// Bundlers that keep function names wrap them in __name(fn, "name"); the worker has no such helper.
const __name = (fn) => fn;
const kernel = (${kernelSource});
const lib = { ${Object.entries(lib)
  .map(([name, source]) => `${JSON.stringify(name)}: (${source})`)
  .join(", ")} };
const { ctrl: ctrlBuffer, buffers, from, to, part, port } = workerData;
const post = (message) => port.postMessage(message);
const ctrl = new Int32Array(ctrlBuffer);
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, 0, seen);
  seen = Atomics.load(ctrl, 0);
  const task = Atomics.load(ctrl, 1);
  if (task < 0) break;
  try {
    kernel(task, buffers, from, to, part, post, lib);
  } catch (error) {
    Atomics.store(ctrl, 3, 1);
    console.error(error);
  }
  Atomics.add(ctrl, 2, 1);
  Atomics.notify(ctrl, 2);
}
`;

/**
 * Splits rows into `parts` and runs part 0 on the calling thread and the others on worker
 * threads that share memory with it (SharedArrayBuffer + Atomics), so a pass over 1M rows takes
 * about half the time on two cores. The caller blocks with Atomics.wait, which keeps the API
 * synchronous; that works on Node's main thread, inside vitest and inside another worker.
 * With threads = false (small inputs) or if workers cannot start, every part runs inline:
 * same parts, same order of summation, same results.
 */
export function createPartPool(
  kernel: Kernel,
  buffers: Record<string, ArrayBufferLike>,
  rows: number,
  parts: number,
  threads: boolean,
  lib: Record<string, (...args: never[]) => unknown> = {},
): PartPool {
  const ranges = partRanges(rows, parts);
  const inline: PartPool = {
    parts,
    run(task) {
      const messages: unknown[] = [];
      for (let p = 0; p < parts; p++) kernel(task, buffers, ranges[p]!.from, ranges[p]!.to, p, (m) => messages.push(m), lib);
      return messages;
    },
    close() {},
  };
  if (!threads || parts < 2 || Object.values(buffers).some((b) => !(b instanceof SharedArrayBuffer))) return inline;
  const ctrl = new Int32Array(new SharedArrayBuffer(16));
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  try {
    const source = WORKER_SOURCE(
      kernel.toString(),
      Object.fromEntries(Object.entries(lib).map(([name, fn]) => [name, fn.toString()])),
    );
    for (let p = 1; p < parts; p++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(source, {
        eval: true,
        workerData: { ctrl: ctrl.buffer, buffers, from: ranges[p]!.from, to: ranges[p]!.to, part: p, port: port2 },
        transferList: [port2],
      });
      // A pool that is never closed must not keep the process alive.
      worker.unref();
      port1.unref();
      workers.push(worker);
      ports.push(port1);
    }
  } catch {
    for (const w of workers) void w.terminate();
    return inline;
  }
  let closed = false;
  return {
    parts,
    run(task) {
      if (closed) throw new Error("part pool is closed");
      Atomics.store(ctrl, 2, 0);
      Atomics.store(ctrl, 1, task);
      Atomics.add(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      const messages: unknown[] = [];
      kernel(task, buffers, ranges[0]!.from, ranges[0]!.to, 0, (m) => messages.push(m), lib);
      for (let done = Atomics.load(ctrl, 2); done < workers.length; done = Atomics.load(ctrl, 2)) Atomics.wait(ctrl, 2, done);
      if (Atomics.load(ctrl, 3) !== 0) throw new Error("a worker thread failed; see the error above");
      // Posted before the worker signalled, so already queued: drained synchronously.
      for (const port of ports) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) messages.push(m.message);
      }
      return messages;
    },
    close() {
      if (closed) return;
      closed = true;
      Atomics.store(ctrl, 1, -1);
      Atomics.add(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      for (const port of ports) port.close();
      for (const w of workers) void w.terminate();
    },
  };
}

/** The data of a Float64Array on shared memory: as is when it already is, else one copy. */
export function sharedFloat64(values: Float64Array): SharedArrayBuffer {
  return bufferOf(values, true) as SharedArrayBuffer;
}

/** A buffer holding exactly these values (shared if asked): the array's own when it fits, else a copy. */
export function bufferOf(values: Float64Array | Int32Array, shared: boolean): ArrayBufferLike {
  const own = values.buffer;
  if ((!shared || own instanceof SharedArrayBuffer) && values.byteOffset === 0 && values.byteLength === own.byteLength) return own;
  const buffer = shared ? new SharedArrayBuffer(values.byteLength) : new ArrayBuffer(values.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(own, values.byteOffset, values.byteLength));
  return buffer;
}

/** A zeroed buffer of `bytes`, shared when the pool will use threads. */
export function newBuffer(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}
