import { bayesProportions, compareProportions, normalDifferenceBayes, ratioDelta, relativeLift, welchTest, type Interval, type RatioSums } from "../stats";
import type { READOUT_METRICS } from "../../lib/shared/vocabulary";
import type { ArmAggregate } from "./readout.repo";

/** A metric that can be the experiment's primary one. */
export type ReadoutMetric = (typeof READOUT_METRICS)[number];
/** Every metric the read-out shows: the primary candidates, the ratio metric and the guardrails. */
export type EffectMetric = ReadoutMetric | "arppu" | "refund_rate" | "discount_cost";

export const READOUT_METRIC_LIST: readonly ReadoutMetric[] = ["conversion", "revenue", "net_revenue"];

/** A number the page shows, or why there is none. */
export type Shown<T> = ({ defined: true } & T) | { defined: false; reason: string };

/**
 * One comparison of a treatment (or any arm) against a baseline arm on ONE metric: every
 * number in it (values, difference, relative lift, p, P(beat), expected loss) is about that
 * metric, so a row never mixes conversion and revenue. Rates are fractions (the page shows the
 * difference in pp); revenue is CN¥ per exposed customer.
 */
export interface MetricEffect {
  metric: EffectMetric;
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

/** Mean and sample variance in CN¥ from a count, a sum and a sum of squares kept in cents. */
export function momentsFromSums(n: number, sumCents: number, squaresCents: number): RevenueMoments {
  const mean = n > 0 ? sumCents / 100 / n : 0;
  // Σ(y − ȳ)² = Σy² − n·ȳ², in CN¥² (the sums are kept in cents).
  const variance = n > 1 ? Math.max(0, (squaresCents / 10_000 - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

export function revenueMoments(a: ArmAggregate): RevenueMoments {
  return momentsFromSums(a.exposures, a.revenueCents, a.revenueSquares);
}

/** The per-customer CN¥ metrics (revenue is the winsorised one when the experiment caps it). */
export type MeanMetric = "revenue" | "net_revenue" | "discount_cost";

export function meanMoments(metric: MeanMetric, a: ArmAggregate, winsorised: boolean): RevenueMoments {
  if (metric === "net_revenue") return momentsFromSums(a.exposures, a.netCents, a.netSquares);
  if (metric === "discount_cost") return momentsFromSums(a.exposures, a.discountCents, a.discountSquares);
  return winsorised ? momentsFromSums(a.exposures, a.winsorisedCents, a.winsorisedSquares) : revenueMoments(a);
}

/** Revenue per converter as ΣY/ΣN with Y = revenue (CN¥) and N = converted (0/1) per exposed customer. */
export function arppuSums(a: ArmAggregate): RatioSums {
  return {
    n: a.exposures,
    sumNum: a.revenueCents / 100,
    sumDen: a.conversions,
    sumNum2: a.revenueSquares / 10_000,
    sumDen2: a.conversions,
    sumNumDen: a.converterRevenueCents / 100,
  };
}

const undefinedAs = (reason: string) => ({ defined: false as const, reason });

function proportionEffect(metric: "conversion" | "refund_rate", baseline: ArmAggregate, arm: ArmAggregate): MetricEffect {
  const k = (a: ArmAggregate) => (metric === "refund_rate" ? a.refunders : a.conversions);
  const counts = { cA: k(baseline), nA: baseline.exposures, cB: k(arm), nB: arm.exposures };
  const test = compareProportions(counts);
  const bayes = baseline.exposures > 0 && arm.exposures > 0 ? bayesProportions(counts) : null;
  const noBayes = undefinedAs(baseline.exposures === 0 ? "the baseline arm has no exposures yet" : "this arm has no exposures yet");
  return {
    metric,
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

function meanEffect(metric: MeanMetric, baseline: ArmAggregate, arm: ArmAggregate, winsorised: boolean): MetricEffect {
  const a = meanMoments(metric, baseline, winsorised);
  const b = meanMoments(metric, arm, winsorised);
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
    metric,
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

/** Revenue per converter by the delta method (server/stats/ratio.ts); P(beat) from the normal posterior of the difference. */
function ratioEffect(baseline: ArmAggregate, arm: ArmAggregate): MetricEffect {
  const r = ratioDelta({ A: arppuSums(baseline), B: arppuSums(arm) });
  const test = r.test;
  const bayes = test.defined && r.seDiff.defined ? normalDifferenceBayes(r.diff.defined ? r.diff.value : 0, r.seDiff.value) : test.defined ? undefinedAs("no standard error") : test;
  const lift = r.relativeLift;
  return {
    metric: "arppu",
    baselineValue: r.armA.ratio.defined ? r.armA.ratio.value : null,
    value: r.armB.ratio.defined ? r.armB.ratio.value : null,
    difference: test.defined && r.diff.defined ? { defined: true, estimate: r.diff.value, ci: test.ci } : undefinedAs(test.defined ? "difference undefined" : test.reason),
    relative: lift.estimate.defined ? { defined: true, estimate: lift.estimate.value, ci: lift.ci.defined ? { lower: lift.ci.lower, upper: lift.ci.upper } : null } : undefinedAs(lift.estimate.reason),
    pValue: test.defined ? { defined: true, value: test.pValue } : undefinedAs(test.reason),
    pValueAdjusted: null,
    probBeatBaseline: bayes.defined ? { defined: true, value: bayes.probBBeatsA } : undefinedAs(bayes.reason),
    expectedLoss: bayes.defined ? { defined: true, value: bayes.expectedLossB } : undefinedAs(bayes.reason),
  };
}

/** One arm against a baseline on one metric; `winsorised` caps revenue (the read-out's option). */
export function metricEffect(metric: EffectMetric, baseline: ArmAggregate, arm: ArmAggregate, winsorised = false): MetricEffect {
  if (metric === "conversion" || metric === "refund_rate") return proportionEffect(metric, baseline, arm);
  if (metric === "arppu") return ratioEffect(baseline, arm);
  return meanEffect(metric, baseline, arm, winsorised);
}

/** The secondary block: the other primary candidates, then revenue per converter. */
export function secondaryMetrics(metric: ReadoutMetric): EffectMetric[] {
  return [...READOUT_METRIC_LIST.filter((m) => m !== metric), "arppu"];
}

export const GUARDRAIL_METRICS = ["refund_rate", "discount_cost"] as const satisfies readonly EffectMetric[];

/** Per-arm value of a metric, as the tables' baseline rows show it. */
export function armValue(metric: EffectMetric, a: ArmAggregate, winsorised: boolean): number | null {
  if (a.exposures === 0) return null;
  if (metric === "conversion") return a.conversions / a.exposures;
  if (metric === "refund_rate") return a.refunders / a.exposures;
  if (metric === "arppu") return a.conversions > 0 ? a.revenueCents / 100 / a.conversions : null;
  return meanMoments(metric, a, winsorised).mean;
}
