/**
 * Adds rows[start, end) to a gradient histogram: per feature f and bin c,
 * hist[f * featureStride + c * 3 + 0..2] += 1, hessian, gradient. Reads each row's gradient,
 * hessian and d codes once (row-major codes). Self-contained: worker threads receive its source.
 */
export function fillHistogram(
  hist: Float64Array,
  rows: Int32Array,
  rowCodes: Uint8Array,
  grad: Float64Array,
  hess: Float64Array,
  d: number,
  featureStride: number,
  start: number,
  end: number,
): void {
  for (let t = start; t < end; t++) {
    const r = rows[t]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const o = r * d;
    let base = 0;
    for (let f = 0; f < d; f++) {
      const k = base + rowCodes[o + f]! * 3;
      hist[k]! += 1;
      hist[k + 1]! += h;
      hist[k + 2]! += g;
      base += featureStride;
    }
  }
}
