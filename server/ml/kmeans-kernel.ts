/** Tasks of the Hamerly k-means kernel. */
export const KMEANS_FULL = 0;
export const KMEANS_BOUNDED = 1;
/** The last pass: a bounded assignment that also sums each row's squared distance to its centre. */
export const KMEANS_FINAL = 2;

/** Offsets into the params buffer; the rest holds half[k], moved[k] and the k × k centre distances. */
export const PARAM_MAX_MOVE = 0;
export const PARAM_MAX_MOVE_J = 1;
export const PARAM_SECOND_MOVE = 2;
export const PARAM_HEADER = 3;

/** Floats in the params buffer for k centres. */
export function kmeansParamsLength(k: number): number {
  return PARAM_HEADER + 2 * k + k * k;
}

/** Squared distance of row xo of X to row co of C (offsets in floats); four sums so the adds pipeline. */
export function squaredDistance(X: Float64Array, xo: number, C: Float64Array, co: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (const d4 = d - (d % 4); t < d4; t += 4) {
    const a0 = X[xo + t]! - C[co + t]!;
    const a1 = X[xo + t + 1]! - C[co + t + 1]!;
    const a2 = X[xo + t + 2]! - C[co + t + 2]!;
    const a3 = X[xo + t + 3]! - C[co + t + 3]!;
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  for (; t < d; t++) {
    const a = X[xo + t]! - C[co + t]!;
    s0 += a * a;
  }
  return s0 + s1 + (s2 + s3);
}

/**
 * Nearest centre of row i, starting from centre `start` at squared distance `startSq`. A centre
 * j is skipped when ‖c_best − c_j‖ ≥ 2‖x − c_best‖, which proves it farther than c_best (Elkan's
 * test); ‖c_best − c_j‖ − ‖x − c_best‖ is then still a lower bound on its distance. Sets both
 * Hamerly bounds of row i, returns the nearest centre and leaves its squared distance in found[0].
 * Self-contained (it is shipped to the worker threads), with the distance passed in.
 */
export function nearestCentre(
  X: Float64Array,
  C: Float64Array,
  centreSq: Float64Array,
  upper: Float64Array,
  lower: Float64Array,
  found: Float64Array,
  i: number,
  start: number,
  startSq: number,
  d: number,
  k: number,
  distance: typeof squaredDistance,
): number {
  // A centre is skipped only when the proof holds with this margin over floating-point round-off.
  const SAFE_SQ_4 = 4 * (1 + 1e-9);
  const xo = i * d;
  let best = start;
  let bestSq = startSq;
  let bestDist = -1;
  let secondSq = Infinity;
  let skippedLower = Infinity;
  for (let j = 0; j < k; j++) {
    if (j === start) continue;
    const cc = centreSq[best * k + j]!;
    if (cc > SAFE_SQ_4 * bestSq) {
      if (bestDist < 0) bestDist = Math.sqrt(bestSq);
      const bound = Math.sqrt(cc) - bestDist;
      if (bound < skippedLower) skippedLower = bound;
      continue;
    }
    const dist = distance(X, xo, C, j * d, d);
    if (dist < bestSq || (dist === bestSq && j < best)) {
      if (bestSq < secondSq) secondSq = bestSq;
      best = j;
      bestSq = dist;
      bestDist = -1;
    } else if (dist < secondSq) secondSq = dist;
  }
  found[0] = bestSq;
  upper[i] = Math.sqrt(bestSq);
  const second = Math.sqrt(secondSq);
  lower[i] = second < skippedLower ? second : skippedLower;
  return best;
}

/** The helpers kmeansKernel expects in `lib`. */
export const KMEANS_LIB = { squaredDistance, nearestCentre };

/**
 * One part's share of a Lloyd iteration with Hamerly's bounds, as a shippable kernel (see
 * parallel.ts; it must stay self-contained). Buffers:
 *   meta    f64 [n, d, k]
 *   X       f64 n × d rows; C f64 k × d centres
 *   labels  i32 n; upper, lower f64 n (distance bounds, not squared)
 *   params  f64 [maxMove, maxMoveJ, secondMove, half[0..k), moved[0..k), centreSq[k × k]]
 *           where half[j] is half the distance from centre j to its nearest other centre and
 *           centreSq the squared centre-to-centre distances
 *   sums    f64 parts × k × d and counts f64 parts × k: this part's cluster sums, kept up to date
 *           incrementally, so a settled iteration never re-reads X
 *   out     f64 parts: this part's inertia (FINAL only)
 * FULL assigns every row from scratch; BOUNDED first moves the bounds by how far the centres
 * moved and re-assigns only rows whose bounds overlap; FINAL is BOUNDED plus the inertia.
 *
 * Labels equal those of plain Lloyd (nearest centre, lowest index on ties): every shortcut is a
 * triangle-inequality proof that a centre is strictly farther, with a relative margin far above
 * floating-point round-off, and anything closer than the margin is computed and compared exactly.
 */
export function kmeansKernel(
  task: number,
  buffers: Readonly<Record<string, ArrayBufferLike>>,
  from: number,
  to: number,
  part: number,
  _post: (message: unknown) => void,
  lib: Readonly<Record<string, (...args: never[]) => unknown>>,
): void {
  const meta = new Float64Array(buffers.meta!);
  // Small integers, so V8 keeps the index arithmetic in int32 (a float d makes every load slower).
  const d = meta[1]! | 0;
  const k = meta[2]! | 0;
  const data = new Float64Array(buffers.X!);
  const C = new Float64Array(buffers.C!);
  const labels = new Int32Array(buffers.labels!);
  const upper = new Float64Array(buffers.upper!);
  const lower = new Float64Array(buffers.lower!);
  const params = new Float64Array(buffers.params!);
  const sums = new Float64Array(buffers.sums!, part * k * d * 8, k * d);
  const counts = new Float64Array(buffers.counts!, part * k * 8, k);
  const out = new Float64Array(buffers.out!);
  const half = params.subarray(3, 3 + k);
  const moved = params.subarray(3 + k, 3 + 2 * k);
  const centreSq = params.subarray(3 + 2 * k, 3 + 2 * k + k * k);
  // Bounds must beat a competitor by this factor before a distance is skipped (see above).
  const SAFE = 1 - 1e-9;

  const sqDist = lib.squaredDistance as unknown as typeof squaredDistance;
  const nearest = lib.nearestCentre as unknown as typeof nearestCentre;
  const found = new Float64Array(1);

  // Moves row i (at xo) from cluster a to b in this part's running sums.
  const move = (xo: number, a: number, b: number): void => {
    counts[a]!--;
    counts[b]!++;
    const ao = a * d;
    const bo = b * d;
    for (let t = 0; t < d; t++) {
      const v = data[xo + t]!;
      sums[ao + t]! -= v;
      sums[bo + t]! += v;
    }
  };

  if (task === 0) {
    sums.fill(0);
    counts.fill(0);
    for (let i = from; i < to; i++) {
      const xo = i * d;
      const a = nearest(data, C, centreSq, upper, lower, found, i, 0, sqDist(data, xo, C, 0, d), d, k, sqDist);
      labels[i] = a;
      counts[a]!++;
      const so = a * d;
      for (let t = 0; t < d; t++) sums[so + t]! += data[xo + t]!;
    }
    return;
  }
  const maxMove = params[0]!;
  const maxMoveJ = params[1]!;
  const secondMove = params[2]!;
  const final = task === 2;
  let inertia = 0;
  for (let i = from; i < to; i++) {
    const a = labels[i]!;
    const u = upper[i]! + moved[a]!;
    const l = lower[i]! - (a === maxMoveJ ? secondMove : maxMove);
    const m = half[a]! > l ? half[a]! : l;
    lower[i] = l;
    if (u < m * SAFE) {
      upper[i] = u;
      if (final) inertia += sqDist(data, i * d, C, a * d, d);
      continue;
    }
    const xo = i * d;
    const own = sqDist(data, xo, C, a * d, d);
    const tight = Math.sqrt(own);
    if (tight < m * SAFE) {
      upper[i] = tight;
      inertia += own;
      continue;
    }
    const b = nearest(data, C, centreSq, upper, lower, found, i, a, own, d, k, sqDist);
    inertia += found[0]!;
    if (b !== a) {
      labels[i] = b;
      move(xo, a, b);
    }
  }
  if (final) out[part] = inertia;
}
