/**
 * Sample-ratio mismatch check: a chi-square goodness-of-fit test of the observed arm sizes
 * against the planned split. A tiny p-value means assignment or logging is broken and the
 * experiment's other statistics should not be trusted.
 */
import { chiSquareSf } from "./distributions";
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { assertCount, assertOpenUnit, assertPositive } from "./validate";

export type SrmResult = Outcome<{
  readonly chi2: number;
  readonly df: number;
  readonly pValue: number;
  readonly expected: readonly number[];
  /** pValue below the threshold; 0.001 by default, the usual SRM alarm level. */
  readonly mismatch: boolean;
  readonly threshold: number;
}>;

export function sampleRatioMismatch(counts: readonly number[], weights: readonly number[], options: { readonly threshold?: number } = {}): SrmResult {
  if (!Array.isArray(counts) || counts.length < 2) throw new RangeError("counts must list at least 2 arms");
  if (!Array.isArray(weights) || weights.length !== counts.length) {
    throw new RangeError(`weights must have one entry per arm (${counts.length})`);
  }
  counts.forEach((c, i) => assertCount(`counts[${i}]`, c));
  weights.forEach((w, i) => assertPositive(`weights[${i}]`, w));
  const threshold = options.threshold ?? 0.001;
  assertOpenUnit("threshold", threshold);

  const total = counts.reduce((s, c) => s + c, 0);
  if (total === 0) return undefinedBecause("no observations in any arm");
  const weightSum = weights.reduce((s, w) => s + w, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  const chi2 = counts.reduce((s, c, i) => {
    const e = expected[i] ?? 0;
    return s + ((c - e) * (c - e)) / e;
  }, 0);
  const df = counts.length - 1;
  const pValue = chiSquareSf(chi2, df);
  return definedAs({ chi2, df, pValue, expected, mismatch: pValue < threshold, threshold });
}
