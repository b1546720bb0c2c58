/**
 * Frequentist read-out for a conversion-rate A/B test (A = control, B = treatment).
 */
import { normalQuantile, normalTwoSidedP } from "./distributions";
import { definedAs, undefinedBecause, type Interval, type Outcome } from "./outcome";
import { assertConversions, assertOpenUnit } from "./validate";

export interface ProportionsInput {
  readonly cA: number;
  readonly nA: number;
  readonly cB: number;
  readonly nB: number;
}

export interface ProportionsOptions {
  /** Two-sided confidence level for every interval; the contract uses 0.95. */
  readonly confidence?: number;
}

export type ArmRate = Outcome<{ readonly rate: number; readonly wilson: Interval }>;

export interface ProportionsResult {
  readonly confidence: number;
  readonly armA: ArmRate;
  readonly armB: ArmRate;
  /** Pooled two-proportion z-test, two-sided. */
  readonly zTest: Outcome<{ readonly z: number; readonly pValue: number }>;
  /** pB − pA with the unpooled Wald interval. */
  readonly difference: Outcome<{ readonly estimate: number; readonly se: number; readonly ci: Interval }>;
  /** pB / pA − 1 with the delta-method interval. */
  readonly relativeLift: Outcome<{ readonly estimate: number; readonly se: number; readonly ci: Interval }>;
}

/** Wilson score interval; unlike Wald it stays inside [0, 1] and is sane at 0 or n conversions. */
export function wilsonInterval(c: number, n: number, confidence = 0.95): Outcome<{ readonly rate: number; readonly wilson: Interval }> {
  assertConversions("c", c, "n", n);
  assertOpenUnit("confidence", confidence);
  if (n === 0) return undefinedBecause("arm has no observations");
  const z = normalQuantile(0.5 + confidence / 2);
  const p = c / n;
  const z2n = (z * z) / n;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // Clamp only float dust: at c = 0 the exact lower bound is 0.
  return definedAs({ rate: p, wilson: { lower: Math.max(0, center - half), upper: Math.min(1, center + half) } });
}

export function compareProportions(input: ProportionsInput, options: ProportionsOptions = {}): ProportionsResult {
  const { cA, nA, cB, nB } = input;
  assertConversions("cA", cA, "nA", nA);
  assertConversions("cB", cB, "nB", nB);
  const confidence = options.confidence ?? 0.95;
  assertOpenUnit("confidence", confidence);
  const z = normalQuantile(0.5 + confidence / 2);

  const armA = nA === 0 ? undefinedBecause("arm A has no observations") : wilsonInterval(cA, nA, confidence);
  const armB = nB === 0 ? undefinedBecause("arm B has no observations") : wilsonInterval(cB, nB, confidence);
  if (nA === 0 || nB === 0) {
    const reason = nA === 0 ? "arm A has no observations" : "arm B has no observations";
    return { confidence, armA, armB, zTest: undefinedBecause(reason), difference: undefinedBecause(reason), relativeLift: undefinedBecause(reason) };
  }

  const pA = cA / nA;
  const pB = cB / nB;

  const pooled = (cA + cB) / (nA + nB);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
  const zTest =
    pooledSe > 0
      ? definedAs({ z: (pB - pA) / pooledSe, pValue: normalTwoSidedP((pB - pA) / pooledSe) })
      : undefinedBecause(pooled === 0 ? "no conversions in either arm: z-test undefined" : "every observation converted in both arms: z-test undefined");

  const diff = pB - pA;
  const diffSe = Math.sqrt((pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB);
  const difference =
    diffSe > 0
      ? definedAs({ estimate: diff, se: diffSe, ci: { lower: diff - z * diffSe, upper: diff + z * diffSe } })
      : undefinedBecause("both rates are 0 or 1: Wald standard error is zero, interval undefined");

  let relativeLift: ProportionsResult["relativeLift"];
  if (pA === 0) {
    relativeLift = undefinedBecause("control rate is zero: relative lift undefined");
  } else if (pB === 0) {
    relativeLift = undefinedBecause("treatment rate is zero: delta-method interval for relative lift undefined");
  } else {
    const ratio = pB / pA;
    const liftSe = ratio * Math.sqrt((1 - pA) / (nA * pA) + (1 - pB) / (nB * pB));
    relativeLift =
      liftSe > 0
        ? definedAs({ estimate: ratio - 1, se: liftSe, ci: { lower: ratio - 1 - z * liftSe, upper: ratio - 1 + z * liftSe } })
        : undefinedBecause("both rates are 1: delta-method standard error is zero, interval undefined");
  }

  return { confidence, armA, armB, zTest, difference, relativeLift };
}
