/**
 * Planning a conversion-rate test from a relative MDE: the per-arm n of the Fleiss formula (the
 * same as `proportionSampleSize`, no continuity correction) and how many days of traffic each
 * candidate daily volume needs. The per-arm n is the two-arm formula whatever the number of arms.
 */
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { proportionSampleSize } from "./power";
import { assertCount, assertFinite, assertOpenUnit } from "./validate";

export interface ProportionPowerPlanInput {
  readonly baselineRate: number;
  /** +0.1 plans for a 10% relative lift (10% → 11%). */
  readonly relativeMde: number;
  /** Two-sided. */
  readonly alpha: number;
  readonly power: number;
  readonly arms: number;
  /** Candidate volumes of units entering the experiment per day, all arms together. */
  readonly dailyEligible: readonly number[];
}

export interface ProportionPowerPlan {
  readonly pTreatment: Outcome<{ readonly value: number }>;
  readonly sampleSize: Outcome<{
    /** The unrounded formula. */
    readonly nPerArmExact: number;
    readonly nPerArm: number;
    readonly totalN: number;
    /** One entry per dailyEligible entry, in order. */
    readonly daysToDecision: readonly Outcome<{ readonly value: number }>[];
  }>;
}

/** ⌈a / b⌉ for non-negative integers, exact: a float quotient could round an exact one up. */
function ceilDivide(a: number, b: number): number {
  const remainder = a % b;
  const quotient = (a - remainder) / b;
  return remainder === 0 ? quotient : quotient + 1;
}

export function proportionPowerPlan(input: ProportionPowerPlanInput): ProportionPowerPlan {
  const { baselineRate, relativeMde, alpha, power, arms, dailyEligible } = input;
  assertFinite("baselineRate", baselineRate);
  assertFinite("relativeMde", relativeMde);
  assertOpenUnit("alpha", alpha);
  assertOpenUnit("power", power);
  assertCount("arms", arms);
  if (arms < 2) throw new RangeError(`arms must be at least 2 (got ${arms})`);
  if (!Array.isArray(dailyEligible)) throw new RangeError("dailyEligible must be an array of counts");
  dailyEligible.forEach((d, i) => assertCount(`dailyEligible[${i}]`, d));

  if (!(baselineRate > 0 && baselineRate < 1)) {
    const none = undefinedBecause(`baseline rate must lie strictly between 0 and 1 (got ${baselineRate})`);
    return { pTreatment: none, sampleSize: none };
  }
  if (!(relativeMde > 0)) {
    const none = undefinedBecause("relative MDE must be > 0 (zero effect needs infinite n)");
    return { pTreatment: none, sampleSize: none };
  }
  const pTreatment = baselineRate * (1 + relativeMde);
  if (!(pTreatment < 1)) {
    return { pTreatment: definedAs({ value: pTreatment }), sampleSize: undefinedBecause(`treatment rate baseline*(1+MDE) = ${pTreatment} is not below 1`) };
  }
  const { exactPerArm } = proportionSampleSize({ baseline: baselineRate, mde: relativeMde, mdeType: "relative", alpha, power });
  const nPerArm = Math.ceil(exactPerArm);
  const totalN = arms * nPerArm;
  const daysToDecision = dailyEligible.map((daily) =>
    daily === 0 ? undefinedBecause("daily eligible count 0: days to decision undefined for that entry") : definedAs({ value: ceilDivide(totalN, daily) }),
  );
  return { pTreatment: definedAs({ value: pTreatment }), sampleSize: definedAs({ nPerArmExact: exactPerArm, nPerArm, totalN, daysToDecision }) };
}
