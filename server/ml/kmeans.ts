import { type Matrix, sqDistRows, zeros } from "./matrix";
import { KMEANS_BOUNDED, KMEANS_FINAL, KMEANS_FULL, KMEANS_LIB, kmeansKernel } from "./kmeans-kernel";
import { kmeansPlusPlus } from "./kmeanspp";
import { bufferOf, createPartPool, newBuffer } from "./parallel";
import { childSeed, createRng } from "./random";

export interface KMeansOptions {
  readonly k: number;
  readonly seed?: number;
  /** Independent k-means++ starts; the lowest inertia wins. Ignored when initialCentres is given. */
  readonly restarts?: number;
  readonly maxIter?: number;
  /** Stop when the summed squared centre shift is below tol × mean feature variance (scikit-learn's rule). */
  readonly tol?: number;
  /** Fixed starting centres (k × d), e.g. the same ones a reference implementation used. */
  readonly initialCentres?: Matrix;
  /** Large inputs only: run the passes over the rows (k-means++ and Lloyd) on two threads (default true). */
  readonly threads?: boolean;
}

export interface KMeansResult {
  readonly centroids: Matrix;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
}

export function kmeans(X: Matrix, options: KMeansOptions): KMeansResult {
  const { k, maxIter = 300, tol = 1e-4 } = options;
  if (X.rows < k) throw new Error(`k-means needs at least k=${k} rows, got ${X.rows}`);
  if (options.initialCentres) {
    if (options.initialCentres.rows !== k || options.initialCentres.cols !== X.cols) {
      throw new Error("initialCentres must be k × d");
    }
    return lloydHamerly(X, options.initialCentres, maxIter, tol, options.threads ?? true);
  }
  const rng = createRng(options.seed ?? 0);
  let best: KMeansResult | null = null;
  for (let r = 0; r < Math.max(1, options.restarts ?? 4); r++) {
    // Restart r always uses the r-th child seed, so more restarts can only lower the best inertia.
    const start = kmeansPlusPlus(X, k, createRng(childSeed(rng)), options.threads ?? true);
    const result = lloydHamerly(X, start, maxIter, tol, options.threads ?? true);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/**
 * tol × the mean of the column variances (scikit-learn's scale for the tolerance), from the
 * column sums and sums of squares that the parts of the first pass collected, added in part order.
 */
function absoluteTolerance(tol: number, moments: Float64Array, parts: number, n: number, d: number): number {
  let total = 0;
  for (let t = 0; t < d; t++) {
    let s = 0;
    let s2 = 0;
    for (let p = 0; p < parts; p++) {
      s += moments[p * 2 * d + t]!;
      s2 += moments[p * 2 * d + d + t]!;
    }
    const mean = s / n;
    total += Math.max(0, s2 / n - mean * mean);
  }
  return d > 0 ? (tol * total) / d : 0;
}

/** From this many rows on, the passes over the rows run in two parts on two threads. */
const PARALLEL_ROWS = 100_000;

/**
 * Lloyd iterations with Hamerly's bounds: an upper bound on the distance to the own centre and one
 * lower bound on the distance to every other centre let most points skip the k distance
 * computations once the centres settle; a point whose bounds fail is re-assigned among all centres,
 * which also makes its bounds exact again. Labels are identical to plain Lloyd. Cluster sums are
 * kept up to date incrementally (only points that change cluster touch them), so a settled
 * iteration is one cheap pass over the bounds instead of a pass over all of X. The first pass
 * also collects the column moments for the tolerance, and the last one the inertia, so X is never
 * read just for those. The row passes live in kmeans-kernel.ts and run on two threads for large
 * inputs.
 */
function lloydHamerly(X: Matrix, init: Matrix, maxIter: number, tol: number, threads: boolean): KMeansResult {
  const { rows: n, cols: d } = X;
  const k = init.rows;
  const useThreads = threads && n >= PARALLEL_ROWS;
  // Many small parts, claimed by whichever thread is free, balance the threads on a busy machine.
  const parts = useThreads ? 16 : 1;
  const buffers = {
    meta: bufferOf(Float64Array.of(n, d, k), useThreads),
    X: bufferOf(X.data, useThreads),
    C: bufferOf(Float64Array.from(init.data), useThreads),
    labels: newBuffer(n * 4, useThreads),
    upper: newBuffer(n * 8, useThreads),
    lower: newBuffer(n * 8, useThreads),
    params: newBuffer((3 + 2 * k) * 8, useThreads),
    sums: newBuffer(parts * k * d * 8, useThreads),
    counts: newBuffer(parts * k * 8, useThreads),
    out: newBuffer(parts * 8, useThreads),
    moments: newBuffer(parts * 2 * d * 8, useThreads),
  };
  const C = new Float64Array(buffers.C);
  const params = new Float64Array(buffers.params);
  const half = params.subarray(3, 3 + k);
  const moved = params.subarray(3 + k, 3 + 2 * k);
  const partSums = new Float64Array(buffers.sums);
  const partCounts = new Float64Array(buffers.counts);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const pool = createPartPool(kmeansKernel, buffers, n, parts, useThreads, KMEANS_LIB);

  const totals = (): void => {
    sums.fill(0);
    counts.fill(0);
    for (let p = 0; p < parts; p++) {
      for (let a = 0; a < k * d; a++) sums[a]! += partSums[p * k * d + a]!;
      for (let j = 0; j < k; j++) counts[j]! += partCounts[p * k + j]!;
    }
  };
  const halfDistances = (): void => {
    for (let j = 0; j < k; j++) {
      let m = Infinity;
      for (let o = 0; o < k; o++) if (o !== j) m = Math.min(m, sqDistRows(C, j, C, o, d));
      half[j] = 0.5 * Math.sqrt(m);
    }
  };

  try {
    pool.run(KMEANS_FULL);
    totals();
    const tolAbs = absoluteTolerance(tol, new Float64Array(buffers.moments), parts, n, d);
    let iterations = 0;
    while (iterations < maxIter) {
      iterations++;
      let shift = 0;
      let maxMove = 0;
      let maxMoveJ = -1;
      let secondMove = 0;
      for (let j = 0; j < k; j++) {
        // An empty cluster keeps its centre: it cannot move, so every bound stays valid.
        let moveSq = 0;
        if (counts[j]! > 0) {
          for (let t = 0; t < d; t++) {
            const next = sums[j * d + t]! / counts[j]!;
            const delta = next - C[j * d + t]!;
            moveSq += delta * delta;
            C[j * d + t] = next;
          }
        }
        const move = Math.sqrt(moveSq);
        moved[j] = move;
        shift += moveSq;
        if (move > maxMove) {
          secondMove = maxMove;
          maxMove = move;
          maxMoveJ = j;
        } else if (move > secondMove) secondMove = move;
      }
      params[0] = maxMove;
      params[1] = maxMoveJ;
      params[2] = secondMove;
      halfDistances();
      // Converged or out of iterations: the final pass below assigns with these centres.
      if (shift <= tolAbs || iterations === maxIter) break;
      pool.run(KMEANS_BOUNDED);
      totals();
    }
    // The last centre update may have left a few points closer to another centre; the same pass
    // sums the inertia, as scikit-learn does, with the final labels and centres.
    pool.run(KMEANS_FINAL);
    const out = new Float64Array(buffers.out);
    let inertia = 0;
    for (let p = 0; p < parts; p++) inertia += out[p]!;
    const centroids = zeros(k, d);
    centroids.data.set(C);
    return { centroids, labels: Int32Array.from(new Int32Array(buffers.labels)), inertia, iterations };
  } finally {
    pool.close();
  }
}
