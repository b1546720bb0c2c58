/**
 * CDFs, survival functions and quantiles for the normal, Student t, chi-square and Beta
 * distributions, built on the special functions. Survival functions are computed directly (not
 * as 1 − CDF) so small p-values keep their relative precision.
 */
import { lnBeta, regularizedBeta, regularizedGamma } from "./special";

const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_2PI;
}

/** Φ(z). Uses erf(x) = P(½, x²) so both tails come from the precise incomplete gamma. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const { lower, upper } = regularizedGamma(0.5, 0.5 * z * z);
  return z < 0 ? 0.5 * upper : 0.5 + 0.5 * lower;
}

export function normalSf(z: number): number {
  return normalCdf(-z);
}

/** Two-sided p-value 2·Φ(−|z|). */
export function normalTwoSidedP(z: number): number {
  return regularizedGamma(0.5, 0.5 * z * z).upper;
}

// Acklam's rational approximation (relative error ~1e-9) as a starting point for Halley steps.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function poly(coefficients: readonly number[], x: number): number {
  let result = 0;
  for (const c of coefficients) result = result * x + c;
  return result;
}

function acklam(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/** Φ⁻¹(p), refined to full double precision by Halley's method on the precise CDF. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`normalQuantile needs 0 <= p <= 1 (got ${p})`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = acklam(p);
  for (let i = 0; i < 4; i++) {
    const e = normalCdf(x) - p;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 1e-16 * Math.abs(x)) break;
  }
  return x;
}

function assertDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0 (got ${df})`);
}

/** P(T > t) for Student t with `df` degrees of freedom (any real df > 0). */
export function studentTSf(t: number, df: number): number {
  assertDf(df);
  if (Number.isNaN(t)) return Number.NaN;
  if (df === Infinity) return normalSf(t);
  const t2 = t * t;
  // x = df/(df+t²) and 1−x = t²/(df+t²) each formed directly: for large df x is ~1.
  const tail = 0.5 * regularizedBeta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2)).lower;
  return t >= 0 ? tail : 1 - tail;
}

export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

export function studentTTwoSidedP(t: number, df: number): number {
  assertDf(df);
  if (df === Infinity) return normalTwoSidedP(t);
  const t2 = t * t;
  return regularizedBeta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2)).lower;
}

export function studentTPdf(t: number, df: number): number {
  assertDf(df);
  if (df === Infinity) return normalPdf(t);
  return Math.exp(-0.5 * (df + 1) * Math.log1p((t * t) / df) - 0.5 * Math.log(df) - lnBeta(0.5 * df, 0.5));
}

/** Quantile of Student t: safeguarded Newton from the normal quantile, bisection as fallback. */
export function studentTQuantile(p: number, df: number): number {
  assertDf(df);
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`studentTQuantile needs 0 <= p <= 1 (got ${p})`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  // Solve P(T > x) = p for x > 0, then negate.
  let lo = 0;
  let hi = Math.max(1, -normalQuantile(p));
  while (studentTSf(hi, df) > p) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return -Infinity;
  }
  let x = Math.min(Math.max(-normalQuantile(p), lo), hi);
  for (let i = 0; i < 200; i++) {
    const f = studentTSf(x, df) - p;
    if (f === 0) break;
    if (f > 0) lo = x;
    else hi = x;
    let next = x + f / studentTPdf(x, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.abs(next)) {
      x = next;
      break;
    }
    x = next;
  }
  return -x;
}

/** P(X > x) for chi-square with k degrees of freedom. */
export function chiSquareSf(x: number, k: number): number {
  if (!(k > 0)) throw new RangeError(`degrees of freedom must be > 0 (got ${k})`);
  return regularizedGamma(0.5 * k, 0.5 * x).upper;
}

/** ln of the Beta(a, b) density; log space keeps posteriors with 1e5 observations finite. */
export function betaLogPdf(x: number, a: number, b: number): number {
  if (x < 0 || x > 1) return -Infinity;
  const logX = x === 0 ? (a === 1 ? 0 : a > 1 ? -Infinity : Infinity) : (a - 1) * Math.log(x);
  const logY = x === 1 ? (b === 1 ? 0 : b > 1 ? -Infinity : Infinity) : (b - 1) * Math.log1p(-x);
  return logX + logY - lnBeta(a, b);
}

export function betaPdf(x: number, a: number, b: number): number {
  return Math.exp(betaLogPdf(x, a, b));
}

/** Beta CDF and survival at x, each kept precise in its own tail. */
export function betaTails(x: number, a: number, b: number): { cdf: number; sf: number } {
  if (x <= 0) return { cdf: 0, sf: 1 };
  if (x >= 1) return { cdf: 1, sf: 0 };
  const { lower, upper } = regularizedBeta(a, b, x);
  return { cdf: lower, sf: upper };
}
