/**
 * Bayesian read-out for a difference of means (revenue per customer) under the normal
 * approximation with flat priors: the posterior of D = μB − μA is N(d, se²), d and se from the
 * Welch comparison. Large samples make this the same call a conversion read-out makes with Beta
 * posteriors, in the metric's own unit.
 *   P(μB > μA)          = Φ(d / se)
 *   E[max(μA − μB, 0)]  = se·φ(d / se) − d·Φ(−d / se)
 */
import { normalCdf, normalPdf } from "./distributions";
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { assertFinite, assertNonNegative } from "./validate";

export type NormalBayesResult = Outcome<{
  readonly probBBeatsA: number;
  /** Expected amount given up by shipping B, in the metric's unit. */
  readonly expectedLossB: number;
}>;

export function normalDifferenceBayes(diff: number, se: number): NormalBayesResult {
  assertFinite("diff", diff);
  assertNonNegative("se", se);
  if (se === 0) return undefinedBecause("the difference has no uncertainty (standard error 0): a posterior needs spread");
  const z = diff / se;
  // Far ahead (z ≫ 0) both terms are tiny and nearly equal, so rounding may leave a speck below 0.
  const loss = se * normalPdf(z) - diff * normalCdf(-z);
  return definedAs({ probBBeatsA: normalCdf(z), expectedLossB: Math.max(0, loss) });
}
