import type { Matrix } from "./matrix";

/** Lower triangle of Σ wᵢ pᵢ(1 − pᵢ) x̃ᵢ x̃ᵢᵀ (x̃ = [1, x]) at beta, mirrored to a full p × p matrix. */
export function hessian(X: Matrix, w: Float64Array, beta: Float64Array): Float64Array {
  const { rows: n, cols: d, data } = X;
  const p = d + 1;
  const H = new Float64Array(p * p);
  const xi = new Float64Array(p);
  xi[0] = 1;
  for (let i = 0; i < n; i++) {
    let z = beta[0]!;
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j]!;
      xi[j + 1] = v;
      z += v * beta[j + 1]!;
    }
    const e = Math.exp(-Math.abs(z));
    const h = (w[i]! * e) / ((1 + e) * (1 + e));
    for (let a = 0; a < p; a++) {
      const hx = h * xi[a]!;
      const ro = a * p;
      for (let b = 0; b <= a; b++) H[ro + b]! += hx * xi[b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) H[b * p + a] = H[a * p + b]!;
  return H;
}

/**
 * The fused objective-and-gradient pass as a shippable kernel (see parallel.ts): rows [from, to)
 * of X (buffer "X", d = meta[0] columns), labels "y", weights "w", coefficients "beta". Writes
 * the unpenalised objective and gradient of its rows to slot `part` of "out" (p + 1 values each).
 */
export function logisticKernel(_task: number, buffers: Readonly<Record<string, ArrayBufferLike>>, from: number, to: number, part: number): void {
  const d = new Float64Array(buffers.meta!)[0]!;
  const p = d + 1;
  const data = new Float64Array(buffers.X!);
  const y = new Float64Array(buffers.y!);
  const w = new Float64Array(buffers.w!);
  const beta = new Float64Array(buffers.beta!);
  const out = new Float64Array(buffers.out!, part * (p + 1) * 8, p + 1);
  const b0 = beta[0]!;
  const coef = beta.slice(1);
  const g = new Float64Array(d);
  let f = 0;
  let g0 = 0;
  for (let i = from, o = from * d; i < to; i++, o += d) {
    let z = b0;
    for (let j = 0; j < d; j++) z += data[o + j]! * coef[j]!;
    const e = Math.exp(-Math.abs(z));
    const wi = w[i]!;
    const yi = y[i]!;
    f += wi * ((z > 0 ? z : 0) + Math.log1p(e) - yi * z);
    const prob = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    const gi = wi * (prob - yi);
    g0 += gi;
    for (let j = 0; j < d; j++) g[j]! += gi * data[o + j]!;
  }
  out[0] = f;
  out[1] = g0;
  for (let j = 0; j < d; j++) out[j + 2] = g[j]!;
}
