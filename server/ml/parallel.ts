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

/*
 * Shared control words: 0 generation, 1 task, 2 parts completed, 3 error flag, 4 claim counter.
 * Parts are claimed dynamically (compare-and-swap on the counter), so a worker that is still
 * booting or sharing its core with other processes simply takes fewer parts. Generation g hands
 * out claims base(g) + 0..parts-1, values no other generation uses, so a worker that read the
 * counter in an older generation can neither run a part of the new one nor swallow its claim.
 */
const WORKER_SOURCE = (kernelSource: string, lib: Record<string, string>): string => `
"use strict";
const { workerData } = require("node:worker_threads");
// Bundlers that keep function names wrap them in __name(fn, "name"); the worker has no such helper.
const __name = (fn) => fn;
const kernel = (${kernelSource});
const lib = { ${Object.entries(lib)
  .map(([name, source]) => `${JSON.stringify(name)}: (${source})`)
  .join(", ")} };
const { ctrl: ctrlBuffer, buffers, ranges, stride, port } = workerData;
const post = (message) => port.postMessage(message);
const ctrl = new Int32Array(ctrlBuffer);
const parts = ranges.length;
let seen = 0;
for (;;) {
  Atomics.wait(ctrl, 0, seen);
  seen = Atomics.load(ctrl, 0);
  const task = Atomics.load(ctrl, 1);
  if (task < 0) break;
  const base = (seen % ${GENERATIONS}) * stride;
  for (;;) {
    const claim = Atomics.load(ctrl, 4);
    const part = claim - base;
    if (part < 0 || part >= parts) break;
    // Compare-and-swap, not add: a stale claim must never consume a slot of a later generation.
    if (Atomics.compareExchange(ctrl, 4, claim, claim + 1) !== claim) continue;
    try {
      kernel(task, buffers, ranges[part].from, ranges[part].to, part, post, lib);
    } catch (error) {
      Atomics.store(ctrl, 3, 1);
      console.error(error);
    }
    Atomics.add(ctrl, 2, 1);
    Atomics.notify(ctrl, 2);
  }
}
`;

/** Claim bases cycle through this many generations, keeping the counter far from overflow. */
const GENERATIONS = 1000;

/**
 * Splits rows into `parts` and runs them on the calling thread and one worker thread that shares
 * memory with it (SharedArrayBuffer + Atomics), so a pass over 1M rows takes about half the time
 * on two cores. The caller blocks with Atomics.wait, which keeps the API synchronous; that works
 * on Node's main thread, inside vitest and inside another worker. With threads = false (small
 * inputs), or if the worker cannot start, every part runs inline. Results depend on the parts,
 * never on which thread ran them: each part writes its own slot and callers add slots in order.
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
  const stride = parts + 4;
  if (stride * GENERATIONS >= 2 ** 31) return inline;
  const ctrl = new Int32Array(new SharedArrayBuffer(5 * 4));
  let worker: Worker;
  let port: MessagePort;
  try {
    const source = WORKER_SOURCE(
      kernel.toString(),
      Object.fromEntries(Object.entries(lib).map(([name, fn]) => [name, fn.toString()])),
    );
    const channel = new MessageChannel();
    worker = new Worker(source, {
      eval: true,
      workerData: { ctrl: ctrl.buffer, buffers, ranges, stride, port: channel.port2 },
      transferList: [channel.port2],
    });
    port = channel.port1;
    // A pool that is never closed must not keep the process alive.
    worker.unref();
    port.unref();
  } catch {
    return inline;
  }
  let closed = false;
  let generation = 0;
  return {
    parts,
    run(task) {
      if (closed) throw new Error("part pool is closed");
      generation++;
      const base = (generation % GENERATIONS) * stride;
      Atomics.store(ctrl, 2, 0);
      Atomics.store(ctrl, 4, base);
      Atomics.store(ctrl, 1, task);
      Atomics.store(ctrl, 0, generation);
      Atomics.notify(ctrl, 0);
      const messages: unknown[] = [];
      for (;;) {
        const claim = Atomics.load(ctrl, 4);
        const part = claim - base;
        if (part >= parts) break;
        if (Atomics.compareExchange(ctrl, 4, claim, claim + 1) !== claim) continue;
        kernel(task, buffers, ranges[part]!.from, ranges[part]!.to, part, (m) => messages.push(m), lib);
        Atomics.add(ctrl, 2, 1);
      }
      for (let done = Atomics.load(ctrl, 2); done < parts; done = Atomics.load(ctrl, 2)) Atomics.wait(ctrl, 2, done);
      if (Atomics.load(ctrl, 3) !== 0) throw new Error("a worker thread failed; see the error above");
      // Posted before the worker counted its parts done, so already queued: drained synchronously.
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) messages.push(m.message);
      return messages;
    },
    close() {
      if (closed) return;
      closed = true;
      Atomics.store(ctrl, 1, -1);
      Atomics.add(ctrl, 0, 1);
      Atomics.notify(ctrl, 0);
      port.close();
      void worker.terminate();
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
