/**
 * CUPED variance reduction: subtract the part of the metric explained by a pre-experiment
 * covariate. θ is estimated on both arms pooled so it does not depend on the treatment, which
 * keeps the adjusted difference unbiased.
 */
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { welchFromSamples, type WelchResult } from "./welch";
import { assertFiniteArray } from "./validate";

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
