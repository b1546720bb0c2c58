/**
 * Post-stratified difference in means: the per-stratum differences weighted by each stratum's
 * share of all units. It removes the chance imbalance of strata between arms (the naive pooled
 * difference can even have the wrong sign — Simpson's paradox) and usually shrinks the variance.
 *
 * A stratum with no units in one arm makes the estimate undefined: dropping it or renormalising
 * the weights would silently answer a question about a different population.
 */
import { definedAs, undefinedBecause, type Outcome, type Undefined } from "./outcome";
import { assertArmAggregate, normalTest, type EstimateOptions, type NormalTest } from "./relative";

/** One stratum's arms as SQL aggregates them (avg NULL with no rows, var_samp NULL with one). */
export interface Stratum {
  readonly name: string;
  readonly nA: number;
  readonly meanA: number | null;
  readonly varA: number | null;
  readonly nB: number;
  readonly meanB: number | null;
  readonly varB: number | null;
}

export interface PostStratifiedResult {
  /** Each stratum's share of all units, both arms pooled, in input order. */
  readonly weights: Outcome<{ readonly values: readonly number[] }>;
  /** meanB − meanA per stratum, in input order. */
  readonly stratumDiffs: readonly Outcome<{ readonly value: number }>[];
  /** Σ w·d. */
  readonly diff: Outcome<{ readonly value: number }>;
  readonly seDiff: Outcome<{ readonly value: number }>;
  readonly test: Outcome<NormalTest>;
  /** Pooled meanB − pooled meanA, ignoring strata: what the stratification corrects. */
  readonly naiveDiff: Outcome<{ readonly value: number }>;
}

function assertStratum(s: Stratum, i: number): void {
  if (typeof s.name !== "string") throw new RangeError(`strata[${i}].name must be a string`);
  assertArmAggregate(`strata[${i}].`, "A", { n: s.nA, mean: s.meanA, variance: s.varA });
  assertArmAggregate(`strata[${i}].`, "B", { n: s.nB, mean: s.meanB, variance: s.varB });
}

function stratumDiff(s: Stratum): Outcome<{ readonly value: number }> {
  if (s.nA === 0 || s.nB === 0 || s.meanA === null || s.meanB === null) {
    return undefinedBecause(`stratum ${s.name} has no units in one arm: stratum difference and estimate undefined`);
  }
  return definedAs({ value: s.meanB - s.meanA });
}

function naiveDifference(strata: readonly Stratum[]): Outcome<{ readonly value: number }> {
  let nA = 0, nB = 0, totalA = 0, totalB = 0;
  for (const s of strata) {
    nA += s.nA;
    nB += s.nB;
    totalA += s.nA * (s.meanA ?? 0);
    totalB += s.nB * (s.meanB ?? 0);
  }
  if (nA === 0 || nB === 0) return undefinedBecause(`arm ${nA === 0 ? "A" : "B"} has no units in any stratum: naive difference undefined`);
  return definedAs({ value: totalB / nB - totalA / nA });
}

export function postStratified(strata: readonly Stratum[], options: EstimateOptions = {}): PostStratifiedResult {
  if (!Array.isArray(strata) || strata.length === 0) throw new RangeError("strata must list at least one stratum");
  strata.forEach(assertStratum);
  const sizes = strata.map((s) => s.nA + s.nB);
  const units = sizes.reduce((acc, size) => acc + size, 0);
  const stratumDiffs = strata.map(stratumDiff);
  const naiveDiff = naiveDifference(strata);
  if (units === 0) {
    const none = undefinedBecause("no units in any stratum: weights and estimate undefined");
    return { weights: none, stratumDiffs, diff: none, seDiff: none, test: none, naiveDiff };
  }
  const weights = sizes.map((size) => size / units);
  const shares = definedAs({ values: weights });
  const missing = stratumDiffs.find((d): d is Undefined => !d.defined);
  if (missing) return { weights: shares, stratumDiffs, diff: missing, seDiff: missing, test: missing, naiveDiff };
  const diff = definedAs({ value: stratumDiffs.reduce((acc, d, i) => acc + (d.defined ? (weights[i] ?? 0) * d.value : 0), 0) });

  const single = strata.find((s) => s.nA < 2 || s.nB < 2);
  if (single !== undefined) {
    const none = undefinedBecause(`stratum ${single.name} has n = 1 in an arm: sample variance (ddof 1) undefined, so se, z, p and interval are undefined`);
    return { weights: shares, stratumDiffs, diff, seDiff: none, test: none, naiveDiff };
  }
  const variance = strata.reduce((acc, s, i) => acc + (weights[i] ?? 0) ** 2 * ((s.varB ?? 0) / s.nB + (s.varA ?? 0) / s.nA), 0);
  const seDiff = definedAs({ value: Math.sqrt(variance) });
  const test: Outcome<NormalTest> =
    seDiff.value === 0
      ? undefinedBecause("all strata have zero variance: standard error is 0, so z, p and interval are undefined")
      : normalTest(diff.value, seDiff.value, options);
  return { weights: shares, stratumDiffs, diff, seDiff, test, naiveDiff };
}
