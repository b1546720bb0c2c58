/**
 * Ratio metrics (revenue per converter, pageviews per session, CTR): R = ΣY/ΣN per arm, where the
 * unit of randomisation is not the unit of the ratio, so Var(R) comes from the delta method
 * rather than from treating every denominator unit as independent.
 */
import { definedAs, undefinedBecause, type Outcome } from "./outcome";
import { both, normalTest, relativeLift, undefinedLift, type EstimateOptions, type NormalTest, type RelativeLift } from "./relative";
import { assertCount, assertFinite, assertFiniteArray, assertNonNegative } from "./validate";

/** One arm's sufficient statistics: what SQL aggregates in one pass (Y numerator, N denominator). */
export interface RatioSums {
  readonly n: number;
  readonly sumNum: number;
  readonly sumDen: number;
  readonly sumNum2: number;
  readonly sumDen2: number;
  readonly sumNumDen: number;
}

export interface RatioUnits {
  readonly num: readonly number[];
  readonly den: readonly number[];
}

export interface RatioArm {
  readonly ratio: Outcome<{ readonly value: number }>;
  /** Delta-method variance of the ratio estimate. */
  readonly variance: Outcome<{ readonly value: number }>;
}

export interface RatioDeltaResult {
  readonly armA: RatioArm;
  readonly armB: RatioArm;
  /** ratioB − ratioA. */
  readonly diff: Outcome<{ readonly value: number }>;
  readonly seDiff: Outcome<{ readonly value: number }>;
  readonly test: Outcome<NormalTest>;
  readonly relativeLift: RelativeLift;
}

// Below this share of the raw square sums, a residual sum of squares is rounding noise from
// summing in floating point; the per-unit ratio is then constant and its variance exactly 0.
const NOISE_FLOOR = 1e-12;

export function ratioSumsFromUnits(units: RatioUnits): RatioSums {
  const { num, den } = units;
  assertFiniteArray("num", num);
  assertFiniteArray("den", den);
  if (num.length !== den.length) throw new RangeError(`den must have one value per num value (${num.length}, got ${den.length})`);
  let sumNum = 0, sumDen = 0, sumNum2 = 0, sumDen2 = 0, sumNumDen = 0;
  num.forEach((y, i) => {
    const d = den[i] ?? 0;
    sumNum += y;
    sumDen += d;
    sumNum2 += y * y;
    sumDen2 += d * d;
    sumNumDen += y * d;
  });
  return { n: num.length, sumNum, sumDen, sumNum2, sumDen2, sumNumDen };
}

function assertSums(name: string, s: RatioSums): void {
  assertCount(`${name}.n`, s.n);
  assertFinite(`${name}.sumNum`, s.sumNum);
  assertFinite(`${name}.sumDen`, s.sumDen);
  assertNonNegative(`${name}.sumNum2`, s.sumNum2);
  assertNonNegative(`${name}.sumDen2`, s.sumDen2);
  assertFinite(`${name}.sumNumDen`, s.sumNumDen);
}

function ratioArm(name: string, s: RatioSums): RatioArm {
  if (s.n === 0) {
    const none = undefinedBecause(`arm ${name} is empty (n = 0): ratio undefined`);
    return { ratio: none, variance: none };
  }
  if (s.sumDen === 0) {
    const none = undefinedBecause(`arm ${name}: sum of denominators is 0, ratio undefined`);
    return { ratio: none, variance: none };
  }
  const r = s.sumNum / s.sumDen;
  const ratio = definedAs({ value: r });
  if (s.n < 2) return { ratio, variance: undefinedBecause(`arm ${name} has n = 1: sample (co)variances (ddof 1) undefined, so Var(R) undefined`) };
  // Σ(Y − R·N)² needs no centring because Σ(Y − R·N) = 0 by the choice of R; it is also
  // insensitive to rounding in R, and exact on small integers, so a constant ratio gives exactly 0.
  const residual = s.sumNum2 - 2 * r * s.sumNumDen + r * r * s.sumDen2;
  const scale = Math.max(s.sumNum2, r * r * s.sumDen2);
  const squares = residual <= NOISE_FLOOR * scale ? 0 : residual;
  // Var(R) = Σ(Y − R·N)² / ((n − 1)·n·N̄²) with n·N̄² = (ΣN)²/n.
  return { ratio, variance: definedAs({ value: (squares * s.n) / ((s.n - 1) * s.sumDen * s.sumDen) }) };
}

/** Difference and relative lift of two ratio metrics, from per-arm sums. */
export function ratioDelta(sums: { readonly A: RatioSums; readonly B: RatioSums }, options: EstimateOptions = {}): RatioDeltaResult {
  assertSums("A", sums.A);
  assertSums("B", sums.B);
  const armA = ratioArm("A", sums.A);
  const armB = ratioArm("B", sums.B);
  const ratios = both(armA.ratio, armB.ratio);
  if (!ratios.defined) {
    return { armA, armB, diff: ratios, seDiff: ratios, test: ratios, relativeLift: undefinedLift(`${ratios.reason}; relative lift undefined (an arm estimate is undefined)`) };
  }
  const diff = definedAs({ value: ratios.b.value - ratios.a.value });
  const varianceOf = (arm: RatioArm) => (arm.variance.defined ? arm.variance.value : arm.variance);
  const lift = relativeLift({ a: ratios.a.value, varA: varianceOf(armA), b: ratios.b.value, varB: varianceOf(armB) }, options);
  const variances = both(armA.variance, armB.variance);
  if (!variances.defined) return { armA, armB, diff, seDiff: variances, test: variances, relativeLift: lift };
  const seDiff = definedAs({ value: Math.sqrt(variances.a.value + variances.b.value) });
  const test: Outcome<NormalTest> =
    seDiff.value === 0
      ? undefinedBecause("variance of the difference is 0 (zero variance in both arms): z, p and interval undefined")
      : normalTest(diff.value, seDiff.value, options);
  return { armA, armB, diff, seDiff, test, relativeLift: lift };
}
