import { type Matrix, zeros } from "./matrix";

/** Plain arrays so the fitted scaler is stored with the model as JSON. */
export interface Standardiser {
  readonly means: number[];
  readonly sds: number[];
}

/** Column means and population standard deviations, ignoring NaN (missing) cells. */
export function fitStandardiser(X: Matrix): Standardiser {
  const { rows, cols, data } = X;
  const means: number[] = [];
  const sds: number[] = [];
  for (let j = 0; j < cols; j++) {
    // Welford: one pass, stable for large offsets such as revenue in cents.
    let n = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j]!;
      if (Number.isNaN(v)) continue;
      n++;
      const delta = v - mean;
      mean += delta / n;
      m2 += delta * (v - mean);
    }
    const sd = n > 0 ? Math.sqrt(m2 / n) : 0;
    means.push(n > 0 ? mean : 0);
    // A constant column would divide by zero; leaving it unscaled maps it to 0 everywhere.
    sds.push(sd > 1e-12 ? sd : 1);
  }
  return { means, sds };
}

/**
 * (x - mean) / sd. Missing cells become 0, i.e. mean imputation, because distance-based methods
 * (k-means, Ward) cannot work with NaN and the mean is the choice that moves no centroid.
 */
export function transform(s: Standardiser, X: Matrix): Matrix {
  const { rows, cols, data } = X;
  if (cols !== s.means.length) throw new Error(`expected ${s.means.length} columns, got ${cols}`);
  const out = zeros(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j]!;
      out.data[i * cols + j] = Number.isNaN(v) ? 0 : (v - s.means[j]!) / s.sds[j]!;
    }
  }
  return out;
}
