/**
 * Solves A x = b for symmetric positive-definite A (p × p, row-major) by Cholesky.
 * Returns null when A is not positive definite, so callers can add damping and retry.
 */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j]!;
      for (let t = 0; t < j; t++) s -= L[i * p + t]! * L[j * p + t]!;
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j]!;
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let t = 0; t < i; t++) s -= L[i * p + t]! * z[t]!;
    z[i] = s / L[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let t = i + 1; t < p; t++) s -= L[t * p + i]! * x[t]!;
    x[i] = s / L[i * p + i]!;
  }
  return x;
}
