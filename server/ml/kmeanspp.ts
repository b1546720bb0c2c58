import { type Matrix, sqDistRows, zeros } from "./matrix";
import type { Rng } from "./random";

/**
 * Greedy k-means++ (as scikit-learn does it): each new centre is the best of 2 + ln k candidates
 * drawn proportional to D², which gives noticeably better starts than plain k-means++ at little cost.
 */
export function kmeansPlusPlus(X: Matrix, k: number, rng: Rng): Matrix {
  const { rows: n, cols: d, data } = X;
  if (k < 1 || k > n) throw new Error(`k must be in [1, ${n}], got ${k}`);
  const centres = zeros(k, d);
  const first = rng.int(n);
  centres.data.set(data.subarray(first * d, (first + 1) * d), 0);
  const closest = new Float64Array(n);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDistRows(data, i, data, first, d);
    potential += closest[i]!;
  }
  const trials = 2 + Math.floor(Math.log(k));
  const candidateDist = new Float64Array(n);
  const bestDist = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestCandidate = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const candidate = sampleByWeight(closest, potential, rng);
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const dist = Math.min(closest[i]!, sqDistRows(data, i, data, candidate, d));
        candidateDist[i] = dist;
        pot += dist;
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        bestCandidate = candidate;
        bestDist.set(candidateDist);
      }
    }
    centres.data.set(data.subarray(bestCandidate * d, (bestCandidate + 1) * d), c * d);
    closest.set(bestDist);
    potential = bestPotential;
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
