/**
 * Comparing a treatment estimate with a control estimate, absolutely and relatively.
 *
 * The Welch block answers field by field (a difference with no standard error is still a
 * difference), so a read-out can show what is known instead of blanking the whole row. The
 * relative lift b/a − 1 uses the delta method and carries the control's noise in its
 * denominator, which is why its interval is not the absolute interval divided by a.
 */
import { normalQuantile, normalTwoSidedP } from "./distributions";
import { definedAs, undefinedBecause, type Interval, type Outcome, type Undefined } from "./outcome";
import { assertCount, assertFinite, assertNonNegative, assertOpenUnit } from "./validate";
import { welchTest } from "./welch";

export interface EstimateOptions {
  /** Two-sided level of every interval; the contract uses 0.95. */
  readonly confidence?: number;
}

/**
 * One arm as a database aggregates it: avg() is NULL with no rows and var_samp() is NULL with
 * one, so `mean` may be null at n = 0 and `variance` (ddof 1) at n < 2.
 */
export interface ArmAggregate {
  readonly n: number;
  readonly mean: number | null;
  readonly variance: number | null;
}

export interface ArmMoments {
  readonly mean: Outcome<{ readonly value: number }>;
  /** Sample variance (ddof 1). */
  readonly variance: Outcome<{ readonly value: number }>;
}

export interface WelchBlock {
  readonly armA: ArmMoments;
  readonly armB: ArmMoments;
  /** meanB − meanA. */
  readonly diff: Outcome<{ readonly value: number }>;
  readonly seDiff: Outcome<{ readonly value: number }>;
  /** Student t with Welch–Satterthwaite df; undefined when seDiff is undefined or 0. */
  readonly test: Outcome<{ readonly t: number; readonly df: number; readonly pValue: number; readonly ci: Interval }>;
}

export interface NormalTest {
  readonly z: number;
  readonly pValue: number;
  readonly ci: Interval;
}

export interface RelativeLiftInput {
  /** Control estimate. */
  readonly a: number;
  /** Variance of the control estimate itself (e.g. varA/nA), or why it is unknown. */
  readonly varA: number | Undefined;
  /** Treatment estimate. */
  readonly b: number;
  readonly varB: number | Undefined;
}

export interface RelativeLift {
  /** b/a − 1. */
  readonly estimate: Outcome<{ readonly value: number }>;
  readonly se: Outcome<{ readonly value: number }>;
  /** Normal interval estimate ± z·se; undefined when se is undefined or 0. */
  readonly ci: Outcome<Interval>;
}

export interface MeanRelativeInput {
  readonly nA: number;
  readonly meanA: number | null;
  readonly varA: number | null;
  readonly nB: number;
  readonly meanB: number | null;
  readonly varB: number | null;
}

export interface MeanRelativeResult {
  readonly welch: WelchBlock;
  readonly relativeLift: RelativeLift;
  /** relLift / seRelLift: the relative test, weaker than t for a positive lift. */
  readonly zRel: Outcome<{ readonly value: number }>;
  readonly absCIExcludesZero: Outcome<{ readonly value: boolean }>;
  readonly relCIExcludesZero: Outcome<{ readonly value: boolean }>;
}

/** Both outcomes, or the first undefined one, whose reason the dependent quantities then carry. */
export function both<T extends object, U extends object>(a: Outcome<T>, b: Outcome<U>): Outcome<{ readonly a: T; readonly b: U }> {
  if (!a.defined) return a;
  if (!b.defined) return b;
  return definedAs({ a, b });
}

function confidenceZ(options: EstimateOptions): number {
  const confidence = options.confidence ?? 0.95;
  assertOpenUnit("confidence", confidence);
  return normalQuantile(0.5 + confidence / 2);
}

/** Checks one arm's aggregate, naming fields `${where}n${arm}`, `${where}mean${arm}`, `${where}var${arm}`. */
export function assertArmAggregate(where: string, arm: "A" | "B", aggregate: ArmAggregate): void {
  const { n, mean, variance } = aggregate;
  assertCount(`${where}n${arm}`, n);
  if (n >= 1) {
    if (mean === null) throw new RangeError(`${where}mean${arm} is required when ${where}n${arm} >= 1`);
    assertFinite(`${where}mean${arm}`, mean);
  }
  if (n >= 2) {
    if (variance === null) throw new RangeError(`${where}var${arm} is required when ${where}n${arm} >= 2`);
    assertNonNegative(`${where}var${arm}`, variance);
  }
}

function armMoments(name: string, arm: ArmAggregate): ArmMoments {
  if (arm.n === 0 || arm.mean === null) {
    const empty = undefinedBecause(`arm ${name} is empty (n = 0)`);
    return { mean: empty, variance: empty };
  }
  const mean = definedAs({ value: arm.mean });
  if (arm.n < 2 || arm.variance === null) {
    return { mean, variance: undefinedBecause(`arm ${name} has n = 1: sample variance (ddof 1) undefined`) };
  }
  return { mean, variance: definedAs({ value: arm.variance }) };
}

/** A Welch block whose every field is undefined for the same reason (e.g. a singular CUPED fit). */
export function undefinedWelchBlock(reason: string): WelchBlock {
  const none = undefinedBecause(reason);
  return { armA: { mean: none, variance: none }, armB: { mean: none, variance: none }, diff: none, seDiff: none, test: none };
}

/** Welch's t-test, answering each field that the data can support (see the module comment). */
export function welchBlock(a: ArmAggregate, b: ArmAggregate, options: EstimateOptions = {}): WelchBlock {
  assertArmAggregate("", "A", a);
  assertArmAggregate("", "B", b);
  const confidence = options.confidence ?? 0.95;
  assertOpenUnit("confidence", confidence);
  const armA = armMoments("A", a);
  const armB = armMoments("B", b);
  const means = both(armA.mean, armB.mean);
  if (!means.defined) return { armA, armB, diff: means, seDiff: means, test: means };
  const meanA = means.a.value;
  const meanB = means.b.value;
  const diff = definedAs({ value: meanB - meanA });
  const variances = both(armA.variance, armB.variance);
  if (!variances.defined) return { armA, armB, diff, seDiff: variances, test: variances };
  const varA = variances.a.value;
  const varB = variances.b.value;
  const seDiff = definedAs({ value: Math.sqrt(varA / a.n + varB / b.n) });
  if (seDiff.value === 0) {
    return { armA, armB, diff, seDiff, test: undefinedBecause("both arms have zero variance: standard error is 0, so t, df, p and interval are undefined") };
  }
  // Everything past the standard error is the existing Welch test, so the two cannot drift apart.
  const welch = welchTest({ nA: a.n, meanA, varA, nB: b.n, meanB, varB }, { confidence });
  const test = welch.defined ? definedAs({ t: welch.t, df: welch.df, pValue: welch.pValue, ci: welch.ci }) : welch;
  return { armA, armB, diff, seDiff, test };
}

/** Normal z-test and interval for an estimate with a known, non-zero standard error. */
export function normalTest(estimate: number, se: number, options: EstimateOptions = {}): Outcome<NormalTest> {
  assertFinite("estimate", estimate);
  assertNonNegative("se", se);
  const z = confidenceZ(options);
  if (se === 0) return undefinedBecause("standard error is 0: z, p and interval are undefined");
  return definedAs({ z: estimate / se, pValue: normalTwoSidedP(estimate / se), ci: { lower: estimate - z * se, upper: estimate + z * se } });
}

/** A relative lift that cannot be formed at all, for the given reason. */
export function undefinedLift(reason: string): RelativeLift {
  const none = undefinedBecause(reason);
  return { estimate: none, se: none, ci: none };
}

/** b/a − 1 with the delta-method variance Vb/a² + b²·Va/a⁴ and a normal interval. */
export function relativeLift(input: RelativeLiftInput, options: EstimateOptions = {}): RelativeLift {
  const { a, b, varA, varB } = input;
  assertFinite("a", a);
  assertFinite("b", b);
  if (typeof varA === "number") assertNonNegative("varA", varA);
  if (typeof varB === "number") assertNonNegative("varB", varB);
  const z = confidenceZ(options);
  if (a === 0) return undefinedLift("control estimate is 0: relative lift undefined");
  // Dividing by a negative baseline flips the meaning of the sign, so no number is better than a misleading one.
  if (a < 0) return undefinedLift("control estimate is negative: relative lift is not meaningful, reported as undefined");
  const estimate = definedAs({ value: b / a - 1 });
  const withoutSe = (missing: Undefined): RelativeLift => {
    const none = undefinedBecause(`${missing.reason}; variance undefined: relative-lift interval undefined`);
    return { estimate, se: none, ci: none };
  };
  if (typeof varA !== "number") return withoutSe(varA);
  if (typeof varB !== "number") return withoutSe(varB);
  // Vb/a² + b²·Va/a⁴ written as (Vb + (b/a)²·Va)/a², which cannot overflow through a⁴.
  const ratio = b / a;
  const se = definedAs({ value: Math.sqrt((varB + ratio * ratio * varA) / (a * a)) });
  if (se.value === 0) return { estimate, se, ci: undefinedBecause("variance of the relative lift is 0: its interval is undefined") };
  return { estimate, se, ci: definedAs({ lower: estimate.value - z * se.value, upper: estimate.value + z * se.value }) };
}

function excludesZero(ci: Outcome<Interval>): Outcome<{ readonly value: boolean }> {
  return ci.defined ? definedAs({ value: ci.lower > 0 || ci.upper < 0 }) : ci;
}

/** The Welch block and the relative lift of two means, side by side (see the module comment). */
export function meanRelative(input: MeanRelativeInput, options: EstimateOptions = {}): MeanRelativeResult {
  const a: ArmAggregate = { n: input.nA, mean: input.meanA, variance: input.varA };
  const b: ArmAggregate = { n: input.nB, mean: input.meanB, variance: input.varB };
  const welch = welchBlock(a, b, options);
  const { armA, armB } = welch;
  let lift: RelativeLift;
  const means = both(armA.mean, armB.mean);
  if (!means.defined) {
    lift = undefinedLift(`${means.reason}; relative lift undefined (an arm estimate is undefined)`);
  } else {
    // The lift's inputs are the variances of the two means, not of a unit.
    const ofMean = (arm: ArmMoments, n: number) => (arm.variance.defined ? arm.variance.value / n : arm.variance);
    lift = relativeLift({ a: means.a.value, varA: ofMean(armA, a.n), b: means.b.value, varB: ofMean(armB, b.n) }, options);
  }
  let zRel: MeanRelativeResult["zRel"];
  if (!lift.estimate.defined) zRel = lift.estimate;
  else if (!lift.se.defined) zRel = lift.se;
  else if (lift.se.value === 0) zRel = undefinedBecause("variance of the relative lift is 0: zRel undefined");
  else zRel = definedAs({ value: lift.estimate.value / lift.se.value });
  const absCI: Outcome<Interval> = welch.test.defined ? definedAs(welch.test.ci) : welch.test;
  return { welch, relativeLift: lift, zRel, absCIExcludesZero: excludesZero(absCI), relCIExcludesZero: excludesZero(lift.ci) };
}
