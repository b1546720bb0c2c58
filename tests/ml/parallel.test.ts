import path from "node:path";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { assignNearest } from "../../server/ml/assign";
import { fitForest, predictForest } from "../../server/ml/forest";
import { kmeans } from "../../server/ml/kmeans";
import { kmeansPlusPlus } from "../../server/ml/kmeanspp";
import { fitLogistic, predictLogistic } from "../../server/ml/logistic";
import { type Matrix, sharedZeros, zeros } from "../../server/ml/matrix";
import { logLoss } from "../../server/ml/metrics";
import { createPartPool, type Kernel } from "../../server/ml/parallel";
import { createRng } from "../../server/ml/random";

/** 8 overlapping Gaussian blobs in 6-d: enough rows (>= 100k) for the two-thread path. */
function overlappingBlobs(n: number, shared: boolean): Matrix {
  const rng = createRng(9);
  const centres = Float64Array.from({ length: 8 * 6 }, () => 1.5 * rng.normal());
  const X = shared ? sharedZeros(n, 6) : zeros(n, 6);
  for (let i = 0; i < n; i++) {
    const c = rng.int(8);
    for (let j = 0; j < 6; j++) X.data[i * 6 + j] = centres[c * 6 + j]! + rng.normal();
  }
  return X;
}

describe("two-thread passes give the single-thread result", () => {
  const X = overlappingBlobs(120_000, false);
  const init = kmeansPlusPlus(X, 8, createRng(4));

  it("k-means: same iterations, labels and inertia with and without threads; labels are exact", () => {
    const threaded = kmeans(X, { k: 8, initialCentres: init });
    const single = kmeans(X, { k: 8, initialCentres: init, threads: false });
    expect(threaded.iterations).toBe(single.iterations);
    expect(threaded.iterations).toBeGreaterThan(3);
    expect(Array.from(threaded.labels)).toEqual(Array.from(single.labels));
    expect(threaded.inertia).toBeCloseTo(single.inertia, 4);
    const exact = assignNearest(X, threaded.centroids);
    expect(Array.from(exact.labels)).toEqual(Array.from(threaded.labels));
    expect(threaded.inertia / exact.inertia).toBeCloseTo(1, 10);
  });

  it("k-means works from inside another worker thread (and the matrix may live on shared memory)", async () => {
    const shared = overlappingBlobs(120_000, true);
    const modulePath = path.resolve(import.meta.dirname, "../../server/ml/kmeans.ts");
    const code = `
      const { parentPort, workerData } = require("node:worker_threads");
      // tsx's API loads the TypeScript module inside this plain-JS worker.
      Promise.resolve(require("tsx/cjs/api").require(workerData.module, workerData.parent)).then(({ kmeans }) => {
        const X = { rows: workerData.rows, cols: 6, data: new Float64Array(workerData.buffer) };
        const init = { rows: 8, cols: 6, data: Float64Array.from(workerData.init) };
        const fit = kmeans(X, { k: 8, initialCentres: init });
        parentPort.postMessage({ inertia: fit.inertia, iterations: fit.iterations });
      });`;
    const initShared = kmeansPlusPlus(shared, 8, createRng(4));
    const worker = new Worker(code, {
      eval: true,
      workerData: { module: modulePath, parent: import.meta.filename, rows: shared.rows, buffer: shared.data.buffer, init: Array.from(initShared.data) },
    });
    const result = await new Promise<{ inertia: number; iterations: number }>((resolve, reject) => {
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    await worker.terminate();
    const here = kmeans(shared, { k: 8, initialCentres: initShared, threads: false });
    expect(result.iterations).toBe(here.iterations);
    expect(result.inertia).toBeCloseTo(here.inertia, 4);
  }, 60_000);

  it("logistic regression on 250k rows (sampled-Hessian path) reaches the exact optimum", () => {
    const n = 250_000;
    const d = 5;
    const rng = createRng(21);
    const X = zeros(n, d);
    const y = new Float64Array(n);
    const beta = [0.8, -1.2, 0.3, 0, 2];
    for (let i = 0; i < n; i++) {
      let z = -0.7;
      for (let j = 0; j < d; j++) {
        X.data[i * d + j] = rng.normal();
        z += beta[j]! * X.data[i * d + j]!;
      }
      y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const l2 = 1;
    const threaded = fitLogistic(X, y, { l2 });
    const single = fitLogistic(X, y, { l2, threads: false });
    expect(threaded.coef).toEqual(single.coef);
    // Optimality: the penalised gradient, relative to the data's scale, is zero.
    const p = predictLogistic(threaded, X);
    const grad = new Float64Array(d + 1);
    for (let i = 0; i < n; i++) {
      const r = p[i]! - y[i]!;
      grad[0]! += r;
      for (let j = 0; j < d; j++) grad[j + 1]! += r * X.data[i * d + j]!;
    }
    for (let j = 0; j < d; j++) grad[j + 1]! += l2 * threaded.coef[j]!;
    for (const g of grad) expect(Math.abs(g) / n).toBeLessThan(1e-6);
    expect(threaded.iterations).toBeLessThan(10);
    expect(logLoss(y, p)).toBeLessThan(0.5);
  });
});

describe("random forest on two threads", () => {
  it("grows the same trees as on one thread", () => {
    const n = 20_000;
    const rng = createRng(5);
    const X = zeros(n, 6);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < 6; j++) X.data[i * 6 + j] = rng.normal();
      y[i] = X.data[i * 6]! * X.data[i * 6 + 1]! + 0.5 * rng.normal() > 0 ? 1 : 0;
    }
    const options = { nTrees: 12, maxDepth: 8, seed: 3 };
    const threaded = fitForest(X, y, options);
    const single = fitForest(X, y, { ...options, threads: false });
    expect(threaded.trees).toEqual(single.trees);
    expect(threaded.importance).toEqual(single.importance);
    expect(Array.from(predictForest(threaded, X))).toEqual(Array.from(predictForest(single, X)));
  });
});

describe("part pool", () => {
  it("runs every part exactly once per run, with the task of that run, over many quick runs", () => {
    const parts = 16;
    const buffers = { hits: new SharedArrayBuffer(parts * 4), tasks: new SharedArrayBuffer(parts * 4) };
    // Self-contained: its source runs in the worker too.
    const kernel: Kernel = (task, b, _from, _to, part) => {
      Atomics.add(new Int32Array(b.hits!), part, 1);
      Atomics.add(new Int32Array(b.tasks!), part, task);
    };
    const pool = createPartPool(kernel, buffers, 1600, parts, true);
    let taskSum = 0;
    try {
      for (let run = 0; run < 300; run++) {
        pool.run(run % 7);
        taskSum += run % 7;
      }
    } finally {
      pool.close();
    }
    expect(Array.from(new Int32Array(buffers.hits))).toEqual(new Array<number>(parts).fill(300));
    expect(Array.from(new Int32Array(buffers.tasks))).toEqual(new Array<number>(parts).fill(taskSum));
  });
});
