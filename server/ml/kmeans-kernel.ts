/** Tasks of the Hamerly k-means kernel. */
export const KMEANS_FULL = 0;
export const KMEANS_BOUNDED = 1;
export const KMEANS_INERTIA = 2;

/**
 * One part's share of a Lloyd iteration with Hamerly's bounds, as a shippable kernel (see
 * parallel.ts; it must stay self-contained). Buffers:
 *   meta    f64 [n, d, k]
 *   X       f64 n × d rows; C f64 k × d centres
 *   labels  i32 n; upper, lower f64 n (distance bounds, not squared)
 *   params  f64 [maxMove, maxMoveJ, secondMove, half[0..k), moved[0..k)]
 *   sums    f64 parts × k × d and counts f64 parts × k: this part's cluster sums, kept up to date
 *           incrementally, so a settled iteration never re-reads X
 *   out     f64 parts: this part's inertia
 * FULL assigns every row from scratch; BOUNDED first moves the bounds by how far the centres
 * moved and re-assigns only rows whose bounds overlap; INERTIA sums squared distances.
 */
export function kmeansKernel(task: number, buffers: Readonly<Record<string, ArrayBufferLike>>, from: number, to: number, part: number): void {
  const meta = new Float64Array(buffers.meta!);
  const d = meta[1]!;
  const k = meta[2]!;
  const data = new Float64Array(buffers.X!);
  const C = new Float64Array(buffers.C!);
  const labels = new Int32Array(buffers.labels!);
  const upper = new Float64Array(buffers.upper!);
  const lower = new Float64Array(buffers.lower!);
  const params = new Float64Array(buffers.params!);
  const sums = new Float64Array(buffers.sums!, part * k * d * 8, k * d);
  const counts = new Float64Array(buffers.counts!, part * k * 8, k);
  const out = new Float64Array(buffers.out!);

  // Nearest and second-nearest centre of row i: sets both bounds, returns the nearest.
  const nearest = (i: number): number => {
    let b1 = Infinity;
    let b2 = Infinity;
    let j1 = 0;
    const xo = i * d;
    for (let j = 0; j < k; j++) {
      const co = j * d;
      let dist = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[xo + t]! - C[co + t]!;
        dist += diff * diff;
      }
      if (dist < b1) {
        b2 = b1;
        b1 = dist;
        j1 = j;
      } else if (dist < b2) b2 = dist;
    }
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
    return j1;
  };

  if (task === 0) {
    sums.fill(0);
    counts.fill(0);
    for (let i = from; i < to; i++) {
      const a = nearest(i);
      labels[i] = a;
      counts[a]!++;
      const so = a * d;
      const xo = i * d;
      for (let t = 0; t < d; t++) sums[so + t]! += data[xo + t]!;
    }
  } else if (task === 1) {
    const maxMove = params[0]!;
    const maxMoveJ = params[1]!;
    const secondMove = params[2]!;
    const half = params.subarray(3, 3 + k);
    const moved = params.subarray(3 + k, 3 + 2 * k);
    for (let i = from; i < to; i++) {
      const a = labels[i]!;
      const u = upper[i]! + moved[a]!;
      const l = lower[i]! - (a === maxMoveJ ? secondMove : maxMove);
      upper[i] = u;
      lower[i] = l;
      const m = half[a]! > l ? half[a]! : l;
      if (u <= m) continue;
      const xo = i * d;
      const ao = a * d;
      let own = 0;
      for (let t = 0; t < d; t++) {
        const diff = data[xo + t]! - C[ao + t]!;
        own += diff * diff;
      }
      const tight = Math.sqrt(own);
      upper[i] = tight;
      if (tight <= m) continue;
      const b = nearest(i);
      if (b !== a) {
        labels[i] = b;
        counts[a]!--;
        counts[b]!++;
        const bo = b * d;
        for (let t = 0; t < d; t++) {
          sums[ao + t]! -= data[xo + t]!;
          sums[bo + t]! += data[xo + t]!;
        }
      }
    }
  } else {
    let inertia = 0;
    for (let i = from; i < to; i++) {
      const xo = i * d;
      const co = labels[i]! * d;
      for (let t = 0; t < d; t++) {
        const diff = data[xo + t]! - C[co + t]!;
        inertia += diff * diff;
      }
    }
    out[part] = inertia;
  }
}
