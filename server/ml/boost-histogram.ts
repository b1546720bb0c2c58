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
  // Four features per step: fewer loop tests and independent updates the CPU can overlap
  // (about 15% faster than one at a time in V8).
  const d4 = d & ~3;
  for (let t = start; t < end; t++) {
    const r = rows[t]!;
    const g = grad[r]!;
    const h = hess[r]!;
    const o = r * d;
    let base = 0;
    let f = 0;
    for (; f < d4; f += 4) {
      const k0 = base + rowCodes[o + f]! * 3;
      const k1 = base + featureStride + rowCodes[o + f + 1]! * 3;
      const k2 = base + 2 * featureStride + rowCodes[o + f + 2]! * 3;
      const k3 = base + 3 * featureStride + rowCodes[o + f + 3]! * 3;
      hist[k0]! += 1;
      hist[k0 + 1]! += h;
      hist[k0 + 2]! += g;
      hist[k1]! += 1;
      hist[k1 + 1]! += h;
      hist[k1 + 2]! += g;
      hist[k2]! += 1;
      hist[k2 + 1]! += h;
      hist[k2 + 2]! += g;
      hist[k3]! += 1;
      hist[k3 + 1]! += h;
      hist[k3 + 2]! += g;
      base += 4 * featureStride;
    }
    for (; f < d; f++) {
      const k = base + rowCodes[o + f]! * 3;
      hist[k]! += 1;
      hist[k + 1]! += h;
      hist[k + 2]! += g;
      base += featureStride;
    }
  }
}
