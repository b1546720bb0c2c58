/**
 * CUPED variance reduction: subtract the part of the metric explained by a pre-experiment
 * covariate. θ is estimated on both arms pooled so it does not depend on the treatment, which
 * keeps the adjusted difference unbiased.
 */
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { welchFromSamples, welchTest, type WelchResult } from "./welch";
import { assertCount, assertFinite, assertFiniteArray } from "./validate";

export interface CupedInput {
  readonly yA: readonly number[];
  readonly xA: readonly number[];
  readonly yB: readonly number[];
  readonly xB: readonly number[];
}

export interface CupedResult {
  readonly theta: Outcome<{ readonly value: number }>;
  /** Welch on Y alone. */
  readonly raw: WelchResult;
  /** Welch on Yᵢ − θ(Xᵢ − mean X). */
  readonly adjusted: WelchResult;
  /** 1 − var(adjusted diff)/var(raw diff), when both are defined. */
  readonly varianceReduction: Outcome<{ readonly value: number }>;
}

export function cuped(input: CupedInput, options: { readonly confidence?: number } = {}): CupedResult {
  const { yA, xA, yB, xB } = input;
  assertFiniteArray("yA", yA);
  assertFiniteArray("xA", xA);
  assertFiniteArray("yB", yB);
  assertFiniteArray("xB", xB);
  if (xA.length !== yA.length) throw new RangeError(`xA must have one covariate per yA value (${yA.length}, got ${xA.length})`);
  if (xB.length !== yB.length) throw new RangeError(`xB must have one covariate per yB value (${yB.length}, got ${xB.length})`);

  const raw = welchFromSamples(yA, yB, options);
  const x = [...xA, ...xB];
  const y = [...yA, ...yB];
  const n = x.length;
  if (n < 2) {
    const reason = "need at least 2 observations across both arms to estimate theta";
    return { theta: undefinedBecause(reason), raw, adjusted: undefinedBecause(reason), varianceReduction: undefinedBecause(reason) };
  }
  const meanX = x.reduce((s, v) => s + v, 0) / n;
  const meanY = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - meanX;
    sxy += dx * ((y[i] ?? 0) - meanY);
    sxx += dx * dx;
  }
  // ddof cancels in cov/var; stated to match the contract (both sample, ddof 1).
  if (!(sxx > 0)) {
    const reason = "covariate has zero variance: theta undefined, CUPED adds nothing";
    return { theta: undefinedBecause(reason), raw, adjusted: undefinedBecause(reason), varianceReduction: undefinedBecause(reason) };
  }
  const theta = sxy / (n - 1) / (sxx / (n - 1));
  const adjust = (ys: readonly number[], xs: readonly number[]) => ys.map((v, i) => v - theta * ((xs[i] ?? 0) - meanX));
  const adjusted = welchFromSamples(adjust(yA, xA), adjust(yB, xB), options);
  let varianceReduction: CupedResult["varianceReduction"];
  if (!raw.defined) varianceReduction = undefinedBecause(raw.reason);
  else if (!adjusted.defined) varianceReduction = undefinedBecause(adjusted.reason);
  else varianceReduction = definedAs({ value: 1 - (adjusted.se * adjusted.se) / (raw.se * raw.se) });
  return { theta: definedAs({ value: theta }), raw, adjusted, varianceReduction };
}

/**
 * One arm's sufficient statistics for CUPED: what a database can aggregate in one pass, so the
 * rows never travel. y is the metric, x the pre-period covariate.
 */
export interface CupedMoments {
  readonly n: number;
  readonly sumY: number;
  readonly sumX: number;
  readonly sumXX: number;
  readonly sumXY: number;
  readonly sumYY: number;
}

/** Σ(u − ū)(v − v̄) from raw sums; clamped so rounding cannot make a square negative. */
function centred(sumUV: number, sumU: number, sumV: number, n: number, square: boolean): number {
  if (n === 0) return 0;
  const value = sumUV - (sumU * sumV) / n;
  return square ? Math.max(0, value) : value;
}

/** Mean and sample variance (ddof 1) of y − θ(x − x̄pooled) within one arm, from its moments. */
function adjustedArm(m: CupedMoments, theta: number, meanX: number) {
  if (m.n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = m.sumY / m.n - theta * (m.sumX / m.n - meanX);
  if (m.n < 2) return { n: m.n, mean, variance: 0 };
  const syy = centred(m.sumYY, m.sumY, m.sumY, m.n, true);
  const sxx = centred(m.sumXX, m.sumX, m.sumX, m.n, true);
  const sxy = centred(m.sumXY, m.sumX, m.sumY, m.n, false);
  return { n: m.n, mean, variance: Math.max(0, syy - 2 * theta * sxy + theta * theta * sxx) / (m.n - 1) };
}

function rawArm(m: CupedMoments) {
  if (m.n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = m.sumY / m.n;
  return { n: m.n, mean, variance: m.n < 2 ? 0 : centred(m.sumYY, m.sumY, m.sumY, m.n, true) / (m.n - 1) };
}

function assertMoments(name: string, m: CupedMoments): void {
  assertCount(`${name}.n`, m.n);
  for (const key of ["sumY", "sumX", "sumXX", "sumXY", "sumYY"] as const) assertFinite(`${name}.${key}`, m[key]);
}

/**
 * The same CUPED as `cuped`, from per-arm sums instead of rows (equal up to floating-point
 * rounding; tests/stats/cuped-moments.test.ts holds the two paths together). θ is pooled over both
 * arms, exactly as in the row path.
 */
export function cupedFromMoments(a: CupedMoments, b: CupedMoments, options: { readonly confidence?: number } = {}): CupedResult {
  assertMoments("a", a);
  assertMoments("b", b);
  const ra = rawArm(a);
  const rb = rawArm(b);
  const raw = welchTest({ nA: ra.n, meanA: ra.mean, varA: ra.variance, nB: rb.n, meanB: rb.mean, varB: rb.variance }, options);
  const n = a.n + b.n;
  if (n < 2) {
    const reason = "need at least 2 observations across both arms to estimate theta";
    return { theta: undefinedBecause(reason), raw, adjusted: undefinedBecause(reason), varianceReduction: undefinedBecause(reason) };
  }
  const sumX = a.sumX + b.sumX;
  const sumY = a.sumY + b.sumY;
  const sumXX = a.sumXX + b.sumXX;
  const sxx = centred(sumXX, sumX, sumX, n, true);
  const sxy = centred(a.sumXY + b.sumXY, sumX, sumY, n, false);
  // Raw sums leave rounding noise where the row path sees an exact zero: treat that as zero.
  if (!(sxx > 1e-12 * Math.max(1, sumXX))) {
    const reason = "covariate has zero variance: theta undefined, CUPED adds nothing";
    return { theta: undefinedBecause(reason), raw, adjusted: undefinedBecause(reason), varianceReduction: undefinedBecause(reason) };
  }
  const theta = sxy / sxx;
  const meanX = sumX / n;
  const aa = adjustedArm(a, theta, meanX);
  const ab = adjustedArm(b, theta, meanX);
  const adjusted = welchTest({ nA: aa.n, meanA: aa.mean, varA: aa.variance, nB: ab.n, meanB: ab.mean, varB: ab.variance }, options);
  let varianceReduction: CupedResult["varianceReduction"];
  if (!raw.defined) varianceReduction = undefinedBecause(raw.reason);
  else if (!adjusted.defined) varianceReduction = undefinedBecause(adjusted.reason);
  else varianceReduction = definedAs({ value: 1 - (adjusted.se * adjusted.se) / (raw.se * raw.se) });
  return { theta: definedAs({ value: theta }), raw, adjusted, varianceReduction };
}
