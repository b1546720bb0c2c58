import type { squaredDistance, squaredDistances4 } from "./kmeans-kernel";

/** Tasks of the k-means++ kernel. */
export const KMEANSPP_FIRST = 0;
export const KMEANSPP_SCORE = 1;
export const KMEANSPP_UPDATE = 2;

/**
 * One part's share of a round of greedy k-means++, as a shippable kernel (see parallel.ts; it must
 * stay self-contained, with the distances from kmeans-kernel.ts handed in through lib). Buffers:
 *   meta     f64 [n, d, slots, chosen]: slots candidates (a multiple of 4), chosen the winner
 *   X        f64 n × d rows; candidates f64 slots × d
 *   closest  f64 n: squared distance of each row to its nearest centre so far
 *   pots     f64 parts × slots: this part's potential for each candidate (FIRST: slot 0 only)
 * FIRST sets closest to the distances to candidate 0, SCORE sums min(closest, distance to each
 * candidate) four candidates at a time, UPDATE lowers closest to the distances to the chosen one.
 */
export function kmeansppKernel(
  task: number,
  buffers: Readonly<Record<string, ArrayBufferLike>>,
  from: number,
  to: number,
  part: number,
  _post: (message: unknown) => void,
  lib: Readonly<Record<string, (...args: never[]) => unknown>>,
): void {
  const meta = new Float64Array(buffers.meta!);
  const d = meta[1]! | 0;
  const slots = meta[2]! | 0;
  const chosen = meta[3]! | 0;
  const data = new Float64Array(buffers.X!);
  const candidates = new Float64Array(buffers.candidates!);
  const closest = new Float64Array(buffers.closest!);
  const pots = new Float64Array(buffers.pots!, part * slots * 8, slots);
  const distance = lib.squaredDistance as unknown as typeof squaredDistance;
  const distance4 = lib.squaredDistances4 as unknown as typeof squaredDistances4;
  pots.fill(0);
  if (task === 0) {
    let potential = 0;
    for (let i = from; i < to; i++) {
      const dist = distance(data, i * d, candidates, 0, d);
      closest[i] = dist;
      potential += dist;
    }
    pots[0] = potential;
  } else if (task === 1) {
    const found = new Float64Array(4);
    for (let i = from; i < to; i++) {
      const own = closest[i]!;
      for (let b = 0; b < slots; b += 4) {
        distance4(data, i * d, candidates, b * d, d, found);
        for (let q = 0; q < 4; q++) pots[b + q]! += found[q]! < own ? found[q]! : own;
      }
    }
  } else {
    for (let i = from; i < to; i++) {
      const dist = distance(data, i * d, candidates, chosen * d, d);
      if (dist < closest[i]!) closest[i] = dist;
    }
  }
}
