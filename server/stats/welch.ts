/**
 * Welch's unequal-variance t-test on a continuous metric (revenue per user, time on page), from
 * summary statistics so the database can aggregate and only n / mean / variance travel.
 */
import { studentTQuantile, studentTTwoSidedP } from "./distributions";
import { definedAs, undefinedBecause, type Interval, type Outcome } from "./outcome";
import { assertCount, assertFinite, assertFiniteArray, assertNonNegative, assertOpenUnit } from "./validate";

export interface ArmSummary {
  readonly n: number;
  readonly mean: number;
  /** Sample variance (ddof 1). */
  readonly variance: number;
}

export interface WelchInput {
  readonly nA: number;
  readonly meanA: number;
  readonly varA: number;
  readonly nB: number;
  readonly meanB: number;
  readonly varB: number;
}

export type WelchResult = Outcome<{
  /** meanB − meanA. */
  readonly diff: number;
  readonly se: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  readonly pValue: number;
  readonly confidence: number;
  readonly ci: Interval;
}>;

export function welchTest(input: WelchInput, options: { readonly confidence?: number } = {}): WelchResult {
  const { nA, meanA, varA, nB, meanB, varB } = input;
  assertCount("nA", nA);
  assertFinite("meanA", meanA);
  assertNonNegative("varA", varA);
  assertCount("nB", nB);
  assertFinite("meanB", meanB);
  assertNonNegative("varB", varB);
  const confidence = options.confidence ?? 0.95;
  assertOpenUnit("confidence", confidence);

  // A sample variance needs two observations; with fewer the test has nothing to stand on.
  if (nA < 2) return undefinedBecause(`arm A needs at least 2 observations (has ${nA})`);
  if (nB < 2) return undefinedBecause(`arm B needs at least 2 observations (has ${nB})`);
  const seA2 = varA / nA;
  const seB2 = varB / nB;
  const se2 = seA2 + seB2;
  if (!(se2 > 0)) return undefinedBecause("both arms have zero variance: t statistic undefined");

  const diff = meanB - meanA;
  const se = Math.sqrt(se2);
  const t = diff / se;
  const df = (se2 * se2) / ((seA2 * seA2) / (nA - 1) + (seB2 * seB2) / (nB - 1));
  const q = studentTQuantile(0.5 + confidence / 2, df);
  return definedAs({ diff, se, t, df, pValue: studentTTwoSidedP(t, df), confidence, ci: { lower: diff - q * se, upper: diff + q * se } });
}

/** n, mean and sample variance (ddof 1), two-pass for accuracy. Variance is 0 below n = 2. */
export function summarize(name: string, values: readonly number[]): ArmSummary {
  assertFiniteArray(name, values);
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { n, mean, variance: 0 };
  const variance = values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1);
  return { n, mean, variance };
}

export function welchFromSamples(a: readonly number[], b: readonly number[], options: { readonly confidence?: number } = {}): WelchResult {
  const sa = summarize("a", a);
  const sb = summarize("b", b);
  return welchTest({ nA: sa.n, meanA: sa.mean, varA: sa.variance, nB: sb.n, meanB: sb.mean, varB: sb.variance }, options);
}
