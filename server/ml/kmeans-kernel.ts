/** Tasks of the Hamerly k-means kernel. */
export const KMEANS_FULL = 0;
export const KMEANS_BOUNDED = 1;
/** The last pass: a bounded assignment that also sums each row's squared distance to its centre. */
export const KMEANS_FINAL = 2;


/**
 * Squared distance of row xo of X to row co of C (offsets in floats), summed in textbook order:
 * every path computes each distance bit for bit the same, so ties are seen as ties everywhere.
 */
export function squaredDistance(X: Float64Array, xo: number, C: Float64Array, co: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const a = X[xo + t]! - C[co + t]!;
    s += a * a;
  }
  return s;
}

/**
 * The same sums for four consecutive centres from co at once, into out[0..4): each element of the
 * row is loaded once for four centres, and the four independent sums pipeline (~1.5x faster).
 */
export function squaredDistances4(X: Float64Array, xo: number, C: Float64Array, co: number, d: number, out: Float64Array): void {
  const c1 = co + d;
  const c2 = c1 + d;
  const c3 = c2 + d;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  for (let t = 0; t < d; t++) {
    const x = X[xo + t]!;
    const a0 = x - C[co + t]!;
    const a1 = x - C[c1 + t]!;
    const a2 = x - C[c2 + t]!;
    const a3 = x - C[c3 + t]!;
    s0 += a0 * a0;
    s1 += a1 * a1;
    s2 += a2 * a2;
    s3 += a3 * a3;
  }
  out[0] = s0;
  out[1] = s1;
  out[2] = s2;
  out[3] = s3;
}

/**
 * Nearest centre of row i among all k, four centres at a time (cheaper than pruning when most
 * centres are candidates). Sets both Hamerly bounds exactly, returns the nearest centre and leaves
 * its squared distance in found[0] (found needs room for 4).
 */
export function nearestOfAll(
  X: Float64Array,
  C: Float64Array,
  upper: Float64Array,
  lower: Float64Array,
  found: Float64Array,
  i: number,
  d: number,
  k: number,
  distance: typeof squaredDistance,
  distance4: typeof squaredDistances4,
): number {
  const xo = i * d;
  let best = 0;
  let bestSq = Infinity;
  let secondSq = Infinity;
  let j = 0;
  for (const k4 = k - (k % 4); j < k4; j += 4) {
    distance4(X, xo, C, j * d, d, found);
    for (let q = 0; q < 4; q++) {
      const dist = found[q]!;
      if (dist < bestSq) {
        secondSq = bestSq;
        bestSq = dist;
        best = j + q;
      } else if (dist < secondSq) secondSq = dist;
    }
  }
  for (; j < k; j++) {
    const dist = distance(X, xo, C, j * d, d);
    if (dist < bestSq) {
      secondSq = bestSq;
      bestSq = dist;
      best = j;
    } else if (dist < secondSq) secondSq = dist;
  }
  found[0] = bestSq;
  upper[i] = Math.sqrt(bestSq);
  lower[i] = Math.sqrt(secondSq);
  return best;
}

/** The helpers kmeansKernel expects in `lib`. */
export const KMEANS_LIB = { squaredDistance, squaredDistances4, nearestOfAll };

/**
 * One part's share of a Lloyd iteration with Hamerly's bounds, as a shippable kernel (see
 * parallel.ts; it must stay self-contained). Buffers:
 *   meta    f64 [n, d, k]
 *   X       f64 n × d rows; C f64 k × d centres
 *   labels  i32 n; upper, lower f64 n (distance bounds, not squared)
 *   params  f64 [maxMove, maxMoveJ, secondMove, half[0..k), moved[0..k)]: how far the centres
 *           moved in the last update, and half the distance from each centre to its nearest other
 *   sums    f64 parts × k × d and counts f64 parts × k: this part's cluster sums, kept up to date
 *           incrementally, so a settled iteration never re-reads X
 *   out     f64 parts: this part's inertia (FINAL only)
 *   moments f64 parts × 2d: this part's column sums and sums of squares (FULL only), for the
 *           tolerance, so the rows are read once while they are in cache anyway
 * FULL assigns every row from scratch; BOUNDED first moves the bounds by how far the centres
 * moved and re-assigns only rows whose bounds overlap; FINAL is BOUNDED plus the inertia.
 *
 * Labels equal those of plain Lloyd (nearest centre, lowest index on ties): a row is skipped only
 * when its bounds prove every other centre strictly farther, with a relative margin far above
 * floating-point round-off; every other row is re-assigned among all centres with distances summed
 * exactly as plain Lloyd sums them. A full re-assignment also resets the lower bound to the exact
 * second-nearest distance, which keeps later iterations from failing the bounds again.
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
  // Bounds must beat a competitor by this factor before a distance is skipped (see above).
  const SAFE = 1 - 1e-9;

  const sqDist = lib.squaredDistance as unknown as typeof squaredDistance;
  const sqDist4 = lib.squaredDistances4 as unknown as typeof squaredDistances4;
  const nearestAll = lib.nearestOfAll as unknown as typeof nearestOfAll;
  const found = new Float64Array(4);
  // Helpers come through lib, not as closures made here: a closure made per call is a new call
  // target each time, which deoptimises the hot loop.
  if (task === 0) {
    // From scratch every centre is a candidate: four at a time is cheaper than pruning here.
    sums.fill(0);
    counts.fill(0);
    const moments = new Float64Array(buffers.moments!, part * 2 * d * 8, 2 * d);
    moments.fill(0);
    for (let i = from; i < to; i++) {
      const xo = i * d;
      const a = nearestAll(data, C, upper, lower, found, i, d, k, sqDist, sqDist4);
      labels[i] = a;
      counts[a]!++;
      const so = a * d;
      for (let t = 0; t < d; t++) {
        const v = data[xo + t]!;
        sums[so + t]! += v;
        moments[t]! += v;
        moments[d + t]! += v * v;
      }
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
    const b = nearestAll(data, C, upper, lower, found, i, d, k, sqDist, sqDist4);
    inertia += found[0]!;
    if (b !== a) {
      // Only rows that change cluster touch the running sums.
      labels[i] = b;
      counts[a]!--;
      counts[b]!++;
      const ao = a * d;
      const bo = b * d;
      for (let t = 0; t < d; t++) {
        const v = data[xo + t]!;
        sums[ao + t]! -= v;
        sums[bo + t]! += v;
      }
    }
  }
  if (final) out[part] = inertia;
}
