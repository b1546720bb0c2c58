import { KMEANS_LIB } from "./kmeans-kernel";
import { KMEANSPP_FIRST, KMEANSPP_SCORE, KMEANSPP_UPDATE, kmeansppKernel } from "./kmeanspp-kernel";
import { type Matrix, zeros } from "./matrix";
import { bufferOf, createPartPool, newBuffer } from "./parallel";
import type { Rng } from "./random";

/** From this many rows on, the passes run in parts on two threads (as the Lloyd passes do). */
const PARALLEL_ROWS = 100_000;

/**
 * Greedy k-means++ (as scikit-learn does it): each new centre is the best of 2 + ln k candidates
 * drawn proportional to D², which gives noticeably better starts than plain k-means++ at little cost.
 * The candidates of a round are all drawn from the same weights, so they are drawn first and scored
 * together in one pass over X (kmeanspp-kernel.ts). Large inputs are split into 16 parts, whose
 * sums are added in part order, and run on two threads unless `threads` is false; the centres
 * depend on the number of parts, never on the threads.
 */
export function kmeansPlusPlus(X: Matrix, k: number, rng: Rng, threads = true): Matrix {
  const { rows: n, cols: d, data } = X;
  if (k < 1 || k > n) throw new Error(`k must be in [1, ${n}], got ${k}`);
  const trials = 2 + Math.floor(Math.log(k));
  // Candidate slots come in blocks of four; spare slots repeat the last candidate and are ignored.
  const slots = 4 * Math.ceil(trials / 4);
  const large = n >= PARALLEL_ROWS;
  const parts = large ? 16 : 1;
  const shared = large && threads;
  const buffers = {
    meta: bufferOf(Float64Array.of(n, d, slots, 0), shared),
    X: bufferOf(data, shared),
    candidates: newBuffer(slots * d * 8, shared),
    closest: newBuffer(n * 8, shared),
    pots: newBuffer(parts * slots * 8, shared),
  };
  const meta = new Float64Array(buffers.meta);
  const candidates = new Float64Array(buffers.candidates);
  const closest = new Float64Array(buffers.closest);
  const partPots = new Float64Array(buffers.pots);
  const pool = createPartPool(kmeansppKernel, buffers, n, parts, shared, KMEANS_LIB);
  const potentialOf = (slot: number): number => {
    let total = 0;
    for (let p = 0; p < parts; p++) total += partPots[p * slots + slot]!;
    return total;
  };
  const centres = zeros(k, d);
  try {
    const first = rng.int(n);
    centres.data.set(data.subarray(first * d, (first + 1) * d), 0);
    candidates.set(centres.data.subarray(0, d));
    pool.run(KMEANSPP_FIRST);
    let potential = potentialOf(0);
    for (let c = 1; c < k; c++) {
      for (let t = 0; t < slots; t++) {
        if (t < trials) {
          const row = sampleByWeight(closest, potential, rng);
          candidates.set(data.subarray(row * d, (row + 1) * d), t * d);
        } else candidates.copyWithin(t * d, (trials - 1) * d, trials * d);
      }
      pool.run(KMEANSPP_SCORE);
      // The first candidate with the lowest potential wins, as when they were scored one by one.
      let best = 0;
      let bestPotential = potentialOf(0);
      for (let t = 1; t < trials; t++) {
        const pot = potentialOf(t);
        if (pot < bestPotential) {
          best = t;
          bestPotential = pot;
        }
      }
      centres.data.set(candidates.subarray(best * d, (best + 1) * d), c * d);
      meta[3] = best;
      pool.run(KMEANSPP_UPDATE);
      potential = bestPotential;
    }
  } finally {
    pool.close();
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
