import type { Labels } from "./classifier";
import { createRng, shuffleInPlace } from "./random";

export interface Fold {
  readonly train: Int32Array;
  readonly test: Int32Array;
}

/**
 * Stratified k-fold: each class is shuffled (seeded) and dealt round-robin across folds, the deal
 * continuing where the previous class stopped. Every class count per fold is then within one
 * row of n_class / k and fold sizes differ by at most one.
 */
export function stratifiedKFold(y: Labels, k: number, seed = 0): Fold[] {
  const n = y.length;
  if (k < 2 || k > n) throw new Error(`k must be in [2, ${n}]`);
  const rng = createRng(seed);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byClass.get(y[i]!) ?? [];
    list.push(i);
    byClass.set(y[i]!, list);
  }
  const foldOf = new Int32Array(n);
  let next = 0;
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    for (const i of shuffleInPlace(Int32Array.from(byClass.get(cls)!), rng)) {
      foldOf[i] = next;
      next = (next + 1) % k;
    }
  }
  return foldsFrom(foldOf, k);
}

function foldsFrom(foldOf: Int32Array, k: number): Fold[] {
  const folds: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test: number[] = [];
    const train: number[] = [];
    foldOf.forEach((g, i) => (g === f ? test : train).push(i));
    folds.push({ train: Int32Array.from(train), test: Int32Array.from(test) });
  }
  return folds;
}

/**
 * Out-of-time split: rows stamped before the cutoff train, the rest test. The cutoff is the
 * timestamp at the (1 - testFraction) quantile, so rows sharing a timestamp never straddle it.
 */
export function timeSplit(timestamps: ArrayLike<number>, testFraction = 0.2): Fold & { readonly cutoff: number } {
  const n = timestamps.length;
  const sorted = Float64Array.from(timestamps).sort();
  const cutoff = sorted[Math.min(n - 1, Math.max(0, Math.floor(n * (1 - testFraction))))]!;
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) (timestamps[i]! < cutoff ? train : test).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test), cutoff };
}
