/**
 * Asymptotic confidence sequence (Waudby-Smith et al. 2023): an interval valid at every peek,
 * so a running dashboard can be watched daily without inflating false positives the way repeated
 * fixed-horizon tests do. nStar is the sample size at which the sequence is tightest.
 */
import { definedAs, undefinedBecause, type Interval, type Outcome } from "./outcome";
import { assertCount, assertFinite, assertNonNegative, assertOpenUnit, assertPositive } from "./validate";

export interface ConfidenceSequenceInput {
  /** Variance of the estimate after n observations (e.g. se² of a difference). */
  readonly variance: number;
  /** Total observations so far. */
  readonly n: number;
  readonly nStar: number;
  readonly alpha: number;
  /** If given, the interval around it is returned too. */
  readonly estimate?: number;
}

export type ConfidenceSequenceResult = Outcome<{ readonly halfWidth: number; readonly rhoSquared: number; readonly interval?: Interval }>;

export function confidenceSequence(input: ConfidenceSequenceInput): ConfidenceSequenceResult {
  const { variance, n, nStar, alpha, estimate } = input;
  assertNonNegative("variance", variance);
  assertCount("n", n);
  assertPositive("nStar", nStar);
  assertOpenUnit("alpha", alpha);
  if (estimate !== undefined) assertFinite("estimate", estimate);
  if (n === 0) return undefinedBecause("no observations yet: confidence sequence undefined");

  const logTerm = -2 * Math.log(alpha);
  const rhoSquared = (logTerm + Math.log(logTerm + 1)) / nStar;
  const nr = n * rhoSquared;
  const halfWidth = Math.sqrt(variance * n) * Math.sqrt(((2 * (nr + 1)) / (n * n * rhoSquared)) * Math.log(Math.sqrt(nr + 1) / alpha));
  const interval = estimate === undefined ? undefined : { lower: estimate - halfWidth, upper: estimate + halfWidth };
  return definedAs(interval ? { halfWidth, rhoSquared, interval } : { halfWidth, rhoSquared });
}
