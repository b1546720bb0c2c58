import { squaredDistance, squaredDistances4 } from "./kmeans-kernel";
import { type Matrix, zeros } from "./matrix";
import type { Rng } from "./random";

/**
 * Greedy k-means++ (as scikit-learn does it): each new centre is the best of 2 + ln k candidates
 * drawn proportional to D², which gives noticeably better starts than plain k-means++ at little cost.
 */
export function kmeansPlusPlus(X: Matrix, k: number, rng: Rng): Matrix {
  const { rows: n, cols: d, data } = X;
  if (k < 1 || k > n) throw new Error(`k must be in [1, ${n}], got ${k}`);
  // Local bindings: a call through a module import can cost a getter per call in CommonJS output.
  const distance = squaredDistance;
  const distance4 = squaredDistances4;
  const centres = zeros(k, d);
  const first = rng.int(n);
  centres.data.set(data.subarray(first * d, (first + 1) * d), 0);
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = distance(data, i * d, centres.data, 0, d);
    potential += closest[i]!;
  }
  const trials = 2 + Math.floor(Math.log(k));
  // The candidates of a round are all drawn from the same weights, so they are drawn first and
  // scored together in one pass over X, four at a time; blocks are padded with the last one.
  const blocks = Math.ceil(trials / 4);
  const candidates = new Float64Array(blocks * 4 * d);
  const pots = new Float64Array(blocks * 4);
  const dist4 = new Float64Array(4);
  for (let c = 1; c < k; c++) {
    for (let t = 0; t < blocks * 4; t++) {
      const row = t < trials ? sampleByWeight(closest, potential, rng) : -1;
      if (row >= 0) candidates.set(data.subarray(row * d, (row + 1) * d), t * d);
      else candidates.copyWithin(t * d, (trials - 1) * d, trials * d);
    }
    pots.fill(0);
    for (let i = 0; i < n; i++) {
      const own = closest[i]!;
      for (let b = 0; b < blocks; b++) {
        distance4(data, i * d, candidates, b * 4 * d, d, dist4);
        for (let q = 0; q < 4; q++) pots[b * 4 + q]! += dist4[q]! < own ? dist4[q]! : own;
      }
    }
    // The first candidate with the lowest potential wins, as when they were scored one by one.
    let best = 0;
    for (let t = 1; t < trials; t++) if (pots[t]! < pots[best]!) best = t;
    centres.data.set(candidates.subarray(best * d, (best + 1) * d), c * d);
    for (let i = 0; i < n; i++) {
      const dist = distance(data, i * d, candidates, best * d, d);
      if (dist < closest[i]!) closest[i] = dist;
    }
    potential = pots[best]!;
  }
  return centres;
}

function sampleByWeight(weights: Float64Array, total: number, rng: Rng): number {
  // All points coincide with chosen centres: any point is as good as another.
  if (!(total > 0)) return rng.int(weights.length);
  let target = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  // Floating-point round-off can leave target a hair above zero: take the last positive weight.
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return weights.length - 1;
}
