/**
 * Winsorised Welch for heavy-tailed revenue: a few whales dominate the variance of a mean, so the
 * upper tail is capped at a quantile of both arms pooled (one cap for both, so capping cannot
 * favour an arm) before the usual Welch test. Zeros and the low tail are left alone.
 */
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { welchBlock, type ArmAggregate, type EstimateOptions, type WelchBlock } from "./relative";
import { assertFiniteArray, assertUnit } from "./validate";
import { summarize } from "./welch";

export interface WinsorisedWelchInput {
  /** Quantile of the pooled values used as the cap, e.g. 0.99. */
  readonly P: number;
  readonly yA: readonly number[];
  readonly yB: readonly number[];
}

export interface WinsorisedWelchResult {
  readonly cap: Outcome<{ readonly value: number }>;
  /** Values strictly above the cap, per arm. */
  readonly nCappedA: number;
  readonly nCappedB: number;
  /** Welch on the capped values; its arm moments are those of the capped values. */
  readonly welch: WelchBlock;
}

/**
 * The p-quantile of all samples together, linear interpolation between order statistics
 * (Hyndman–Fan type 7: NumPy's default, R's default, Excel PERCENTILE.INC).
 */
export function pooledQuantile(samples: readonly (readonly number[])[], p: number): Outcome<{ readonly value: number }> {
  assertUnit("p", p);
  samples.forEach((values, i) => assertFiniteArray(`samples[${i}]`, values));
  const sorted = samples.flat().sort((x, y) => x - y);
  const m = sorted.length;
  if (m === 0) return undefinedBecause("no values in any sample: quantile undefined");
  const h = (m - 1) * p;
  const j = Math.floor(h);
  const low = sorted[j] ?? Number.NaN;
  if (j >= m - 1) return definedAs({ value: low });
  const high = sorted[j + 1] ?? Number.NaN;
  return definedAs({ value: low + (h - j) * (high - low) });
}

function aggregate(values: readonly number[]): ArmAggregate {
  const { n, mean, variance } = summarize("values", values);
  return { n, mean: n === 0 ? null : mean, variance: n < 2 ? null : variance };
}

export function winsorisedWelch(input: WinsorisedWelchInput, options: EstimateOptions = {}): WinsorisedWelchResult {
  const { P, yA, yB } = input;
  assertFiniteArray("yA", yA);
  assertFiniteArray("yB", yB);
  const cap = pooledQuantile([yA, yB], P);
  if (!cap.defined) return { cap, nCappedA: 0, nCappedB: 0, welch: welchBlock(aggregate(yA), aggregate(yB), options) };
  const capped = (ys: readonly number[]) => ys.map((y) => Math.min(y, cap.value));
  const countAbove = (ys: readonly number[]) => ys.filter((y) => y > cap.value).length;
  return {
    cap,
    nCappedA: countAbove(yA),
    nCappedB: countAbove(yB),
    welch: welchBlock(aggregate(capped(yA)), aggregate(capped(yB)), options),
  };
}
