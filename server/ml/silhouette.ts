import { type Matrix, sqDistRows } from "./matrix";
import { createRng, permutation } from "./random";

export interface SilhouetteOptions {
  /** Rows drawn (without replacement) to score; the exact score is O(n²), so large inputs are sampled. */
  readonly sampleSize?: number;
  readonly seed?: number;
}

/**
 * Mean silhouette coefficient over a seeded sample, computed within the sample as scikit-learn's
 * silhouette_score(sample_size=...) does. Singleton clusters score 0 by convention.
 */
export function silhouetteScore(X: Matrix, labels: Int32Array, options: SilhouetteOptions = {}): number {
  const { rows: n, cols: d, data } = X;
  const size = Math.min(n, options.sampleSize ?? 2000);
  const sample = size === n ? Int32Array.from({ length: n }, (_, i) => i) : permutation(n, createRng(options.seed ?? 0)).subarray(0, size);
  let k = 0;
  for (let s = 0; s < size; s++) k = Math.max(k, labels[sample[s]!]! + 1);
  if (k < 2) throw new Error("silhouette needs at least two clusters");
  const clusterSize = new Float64Array(k);
  for (let s = 0; s < size; s++) clusterSize[labels[sample[s]!]!]!++;
  const sums = new Float64Array(k);
  let total = 0;
  for (let s = 0; s < size; s++) {
    const i = sample[s]!;
    sums.fill(0);
    for (let t = 0; t < size; t++) {
      if (t === s) continue;
      const o = sample[t]!;
      sums[labels[o]!]! += Math.sqrt(sqDistRows(data, i, data, o, d));
    }
    const own = labels[i]!;
    if (clusterSize[own]! <= 1) continue;
    const a = sums[own]! / (clusterSize[own]! - 1);
    let b = Infinity;
    for (let j = 0; j < k; j++) if (j !== own && clusterSize[j]! > 0) b = Math.min(b, sums[j]! / clusterSize[j]!);
    const denom = Math.max(a, b);
    total += denom > 0 ? (b - a) / denom : 0;
  }
  return total / size;
}
