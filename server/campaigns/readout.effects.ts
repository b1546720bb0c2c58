import { bayesProportions, compareProportions, normalDifferenceBayes, relativeLift, welchTest, type Interval } from "../stats";
import type { ArmAggregate } from "./readout.repo";

export type ReadoutMetric = "conversion" | "revenue";

/** A number the page shows, or why there is none. */
export type Shown<T> = ({ defined: true } & T) | { defined: false; reason: string };

/**
 * One comparison of a treatment (or any arm) against a baseline arm on ONE metric: every
 * number in it (values, difference, relative lift, p, P(beat), expected loss) is about that
 * metric, so a row never mixes conversion and revenue. Rates are fractions (the page shows the
 * difference in pp); revenue is CN¥ per exposed customer.
 */
export interface MetricEffect {
  metric: ReadoutMetric;
  baselineValue: number | null;
  value: number | null;
  difference: Shown<{ estimate: number; ci: Interval }>;
  /** Relative lift value / baseline − 1, its own delta-method interval (normal). */
  relative: Shown<{ estimate: number; ci: Interval | null }>;
  pValue: Shown<{ value: number }>;
  /** Multiplicity-adjusted p across the experiment's comparisons on the primary metric (filled in later). */
  pValueAdjusted: number | null;
  probBeatBaseline: Shown<{ value: number }>;
  /** Expected amount given up by choosing this arm over the baseline, in the metric's unit. */
  expectedLoss: Shown<{ value: number }>;
}

export interface RevenueMoments {
  n: number;
  /** CN¥ per customer. */
  mean: number;
  /** Sample variance (ddof 1) of CN¥ per customer. */
  variance: number;
}

export function revenueMoments(a: ArmAggregate): RevenueMoments {
  const n = a.exposures;
  const mean = n > 0 ? a.revenueCents / 100 / n : 0;
  // Σ(y − ȳ)² = Σy² − n·ȳ², in CN¥² (the sums are kept in cents).
  const variance = n > 1 ? Math.max(0, (a.revenueSquares / 10_000 - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

const undefinedAs = (reason: string) => ({ defined: false as const, reason });

function conversionEffect(baseline: ArmAggregate, arm: ArmAggregate): MetricEffect {
  const test = compareProportions({ cA: baseline.conversions, nA: baseline.exposures, cB: arm.conversions, nB: arm.exposures });
  const bayes = baseline.exposures > 0 && arm.exposures > 0 ? bayesProportions({ cA: baseline.conversions, nA: baseline.exposures, cB: arm.conversions, nB: arm.exposures }) : null;
  const noBayes = undefinedAs(baseline.exposures === 0 ? "the baseline arm has no exposures yet" : "this arm has no exposures yet");
  return {
    metric: "conversion",
    baselineValue: test.armA.defined ? test.armA.rate : null,
    value: test.armB.defined ? test.armB.rate : null,
    difference: test.difference.defined ? { defined: true, estimate: test.difference.estimate, ci: test.difference.ci } : undefinedAs(test.difference.reason),
    relative: test.relativeLift.defined ? { defined: true, estimate: test.relativeLift.estimate, ci: test.relativeLift.ci } : undefinedAs(test.relativeLift.reason),
    pValue: test.zTest.defined ? { defined: true, value: test.zTest.pValue } : undefinedAs(test.zTest.reason),
    pValueAdjusted: null,
    probBeatBaseline: bayes ? { defined: true, value: bayes.probBBeatsA } : noBayes,
    expectedLoss: bayes ? { defined: true, value: bayes.expectedLossB } : noBayes,
  };
}

function revenueEffect(baseline: ArmAggregate, arm: ArmAggregate): MetricEffect {
  const a = revenueMoments(baseline);
  const b = revenueMoments(arm);
  const welch =
    a.n > 1 && b.n > 1
      ? welchTest({ nA: a.n, meanA: a.mean, varA: a.variance, nB: b.n, meanB: b.mean, varB: b.variance })
      : undefinedAs(`${a.n <= 1 ? "the baseline arm" : "this arm"} has fewer than two customers: no variance to test with`);
  const lift = a.n > 0 && b.n > 0 ? relativeLift({ a: a.mean, varA: a.n > 1 ? a.variance / a.n : undefinedAs("one customer has no variance"), b: b.mean, varB: b.n > 1 ? b.variance / b.n : undefinedAs("one customer has no variance") }) : null;
  const relative: MetricEffect["relative"] = !lift
    ? undefinedAs("an arm has no exposures yet")
    : lift.estimate.defined
      ? { defined: true, estimate: lift.estimate.value, ci: lift.ci.defined ? { lower: lift.ci.lower, upper: lift.ci.upper } : null }
      : undefinedAs(lift.estimate.reason);
  const bayes = welch.defined ? normalDifferenceBayes(welch.diff, welch.se) : welch;
  return {
    metric: "revenue",
    baselineValue: a.n > 0 ? a.mean : null,
    value: b.n > 0 ? b.mean : null,
    difference: welch.defined ? { defined: true, estimate: welch.diff, ci: welch.ci } : undefinedAs(welch.reason),
    relative,
    pValue: welch.defined ? { defined: true, value: welch.pValue } : undefinedAs(welch.reason),
    pValueAdjusted: null,
    probBeatBaseline: bayes.defined ? { defined: true, value: bayes.probBBeatsA } : undefinedAs(bayes.reason),
    expectedLoss: bayes.defined ? { defined: true, value: bayes.expectedLossB } : undefinedAs(bayes.reason),
  };
}

export function metricEffect(metric: ReadoutMetric, baseline: ArmAggregate, arm: ArmAggregate): MetricEffect {
  return metric === "revenue" ? revenueEffect(baseline, arm) : conversionEffect(baseline, arm);
}

export function otherMetric(metric: ReadoutMetric): ReadoutMetric {
  return metric === "revenue" ? "conversion" : "revenue";
}
