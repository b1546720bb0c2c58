import { assignNearest } from "./assign";
import type { KMeansResult } from "./kmeans";
import { kmeansPlusPlus } from "./kmeanspp";
import { type Matrix, selectRows, sqDistRows } from "./matrix";
import { childSeed, createRng, permutation } from "./random";

export interface MiniBatchOptions {
  readonly k: number;
  readonly seed?: number;
  readonly batchSize?: number;
  readonly maxIter?: number;
}

/**
 * Sculley's mini-batch k-means for inputs too large for full Lloyd passes: each step moves a centre
 * towards a sampled point with rate 1/(points it has absorbed), so centres settle as counts grow.
 * One exact pass at the end gives true labels and inertia.
 */
export function miniBatchKMeans(X: Matrix, options: MiniBatchOptions): KMeansResult {
  const { k, batchSize = 1024, maxIter = 100 } = options;
  const { rows: n, cols: d, data } = X;
  const rng = createRng(options.seed ?? 0);
  const initRows = permutation(n, rng).subarray(0, Math.min(n, Math.max(3 * batchSize, 10 * k)));
  const centres = kmeansPlusPlus(selectRows(X, initRows), k, createRng(childSeed(rng)));
  const C = centres.data;
  const counts = new Float64Array(k);
  const batchLabels = new Int32Array(batchSize);
  const batch = new Int32Array(batchSize);
  let iterations = 0;
  for (; iterations < maxIter; iterations++) {
    for (let b = 0; b < batchSize; b++) batch[b] = rng.int(n);
    // Assign the whole batch before moving centres, so the batch sees one consistent set of centres.
    for (let b = 0; b < batchSize; b++) {
      let best = Infinity;
      for (let j = 0; j < k; j++) {
        const dist = sqDistRows(data, batch[b]!, C, j, d);
        if (dist < best) {
          best = dist;
          batchLabels[b] = j;
        }
      }
    }
    for (let b = 0; b < batchSize; b++) {
      const j = batchLabels[b]!;
      const eta = 1 / ++counts[j]!;
      const xo = batch[b]! * d;
      for (let t = 0; t < d; t++) C[j * d + t] = (1 - eta) * C[j * d + t]! + eta * data[xo + t]!;
    }
  }
  const { labels, inertia } = assignNearest(X, centres);
  return { centroids: centres, labels, inertia, iterations };
}
