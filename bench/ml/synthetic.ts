/** Seeded synthetic data for the speed cases of `bench ml`, standardised in place, on shared memory (as the training jobs allocate large matrices) so worker threads read it without a copy. */
import type { Basket } from "../../server/ml/itemsets";
import { type Matrix, sharedZeros as zeros } from "../../server/ml/matrix";
import { createRng, type Rng } from "../../server/ml/random";

/** Column-wise (x - mean) / sd in place (population sd), as server/ml/standardise does, without a copy. */
export function standardiseInPlace(X: Matrix): void {
  const { rows: n, cols: d, data } = X;
  for (let j = 0; j < d; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    const sd = Math.sqrt(Math.max(0, s2 / n - mean * mean)) || 1;
    for (let i = 0; i < n; i++) data[i * d + j] = (data[i * d + j]! - mean) / sd;
  }
}

/** Gaussian mixture of `blobs` clusters with unit noise around centres drawn from N(0, 2²). */
export function blobs(n: number, d: number, nBlobs: number, seed: number): Matrix {
  const rng = createRng(seed);
  const centres = Float64Array.from({ length: nBlobs * d }, () => 2 * rng.normal());
  const X = zeros(n, d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(nBlobs);
    for (let j = 0; j < d; j++) X.data[i * d + j] = centres[c * d + j]! + rng.normal();
  }
  standardiseInPlace(X);
  return X;
}

function bernoulli(rng: Rng, logit: number): number {
  return rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
}

/** Standard normal features, labels from a linear logistic model with coefficients N(0, 0.5²). */
export function linearClassification(n: number, d: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const beta = Float64Array.from({ length: d }, () => 0.5 * rng.normal());
  const X = zeros(n, d);
  for (let i = 0; i < n * d; i++) X.data[i] = rng.normal();
  standardiseInPlace(X);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = -0.5;
    for (let j = 0; j < d; j++) z += X.data[i * d + j]! * beta[j]!;
    y[i] = bernoulli(rng, z);
  }
  return { X, y };
}

/** Non-linear target (interactions, thresholds, a sine) so trees have something to find. */
export function nonlinearClassification(n: number, d: number, seed: number): { X: Matrix; y: Float64Array } {
  if (d < 6) throw new Error("nonlinearClassification needs at least 6 features");
  const rng = createRng(seed);
  const X = zeros(n, d);
  for (let i = 0; i < n * d; i++) X.data[i] = rng.normal();
  standardiseInPlace(X);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = (j: number): number => X.data[i * d + j]!;
    const z = 1.2 * x(0) * x(1) + 1.5 * Math.sin(2 * x(2)) + x(3) - 2 * (x(4) > 0.5 ? 1 : 0) + 0.7 * Math.abs(x(5)) - 0.3;
    y[i] = bernoulli(rng, z);
  }
  return { X, y };
}

/**
 * Market baskets: item popularity is Zipf-like over nItems, basket size 1..15, and a third of the
 * baskets also carry one of 40 fixed bundles of 2–4 items, so there are longer frequent itemsets.
 */
export function baskets(n: number, nItems: number, seed: number): Basket[] {
  const rng = createRng(seed);
  const cumulative = new Float64Array(nItems);
  let total = 0;
  for (let i = 0; i < nItems; i++) {
    total += 1 / Math.pow(i + 1, 0.9);
    cumulative[i] = total;
  }
  const draw = (): number => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = nItems - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const bundles = Array.from({ length: 40 }, () => Array.from({ length: 2 + rng.int(3) }, () => rng.int(nItems)));
  const out: Basket[] = [];
  for (let b = 0; b < n; b++) {
    const items: number[] = [];
    const size = 1 + rng.int(15);
    for (let t = 0; t < size; t++) items.push(draw());
    if (rng.next() < 1 / 3) items.push(...bundles[rng.int(bundles.length)]!);
    out.push(items);
  }
  return out;
}
