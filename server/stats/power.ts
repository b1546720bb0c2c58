/**
 * Sample size and power for two-arm tests with equal allocation, two-sided.
 *
 * Proportions (Fleiss, no continuity correction): the null spread uses the pooled rate
 * p̄ = (p1 + p2)/2, the alternative the unpooled rates:
 *   n = [z₁₋α/₂·√(2p̄(1−p̄)) + z₁₋β·√(p1(1−p1) + p2(1−p2))]² / (p2 − p1)²   per arm.
 * This matches the pooled z-test the read-out uses. Baseline 10%, +2 pp, α .05, power .8 → 3,841.
 *
 * Means: n = 2(z₁₋α/₂ + z₁₋β)²σ²/δ² per arm (normal approximation), or with method "t" the
 * smallest n whose power under the shifted central-t approximation to the noncentral t reaches
 * the target (matters only for small n: d = 0.5 gives 63 normal, 64 t).
 *
 * Power functions include both rejection tails, so power at the returned n is ≥ the target.
 */
import { normalCdf, normalQuantile, studentTCdf, studentTQuantile } from "./distributions";
import { assertFinite, assertOpenUnit, assertPositive } from "./validate";

export type EffectType = "absolute" | "relative";

export interface ProportionSampleSizeInput {
  /** Control conversion rate, strictly between 0 and 1. */
  readonly baseline: number;
  /** Minimum detectable effect: +0.02 absolute (10% → 12%) or +0.2 relative (10% → 12%). */
  readonly mde: number;
  readonly mdeType?: EffectType;
  readonly alpha?: number;
  readonly power?: number;
}

export interface SampleSizeResult {
  readonly perArm: number;
  readonly total: number;
  /** The unrounded solution of the formula. */
  readonly exactPerArm: number;
  /** Power actually achieved at perArm (≥ the target). */
  readonly achievedPower: number;
  readonly alpha: number;
  readonly power: number;
}

export interface ProportionSampleSizeResult extends SampleSizeResult {
  readonly baseline: number;
  readonly treatment: number;
}

function treatmentRate(baseline: number, mde: number, mdeType: EffectType): number {
  assertOpenUnit("baseline", baseline);
  assertFinite("mde", mde);
  if (mde === 0) throw new RangeError("mde must be non-zero");
  const treatment = mdeType === "relative" ? baseline * (1 + mde) : baseline + mde;
  if (!(treatment > 0 && treatment < 1)) {
    throw new RangeError(`mde moves the rate outside (0, 1): baseline ${baseline} → ${treatment}`);
  }
  return treatment;
}

/** Power of the two-sided pooled z-test with n per arm. */
export function proportionPower(input: { readonly baseline: number; readonly mde: number; readonly mdeType?: EffectType; readonly n: number; readonly alpha?: number }): number {
  const p1 = input.baseline;
  const p2 = treatmentRate(p1, input.mde, input.mdeType ?? "absolute");
  const alpha = input.alpha ?? 0.05;
  assertOpenUnit("alpha", alpha);
  assertPositive("n", input.n);
  const zAlpha = -normalQuantile(alpha / 2);
  const pBar = (p1 + p2) / 2;
  const nullSd = Math.sqrt(2 * pBar * (1 - pBar));
  const altSd = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const shift = Math.abs(p2 - p1) * Math.sqrt(input.n);
  return normalCdf((shift - zAlpha * nullSd) / altSd) + normalCdf((-shift - zAlpha * nullSd) / altSd);
}

export function proportionSampleSize(input: ProportionSampleSizeInput): ProportionSampleSizeResult {
  const mdeType = input.mdeType ?? "absolute";
  const p1 = input.baseline;
  const p2 = treatmentRate(p1, input.mde, mdeType);
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  assertOpenUnit("alpha", alpha);
  assertOpenUnit("power", power);
  const zAlpha = -normalQuantile(alpha / 2);
  const zBeta = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const exactPerArm = Math.max(0, root) ** 2 / (p2 - p1) ** 2;
  let perArm = Math.max(2, Math.ceil(exactPerArm - 1e-9));
  const powerAt = (n: number) => proportionPower({ baseline: p1, mde: p2 - p1, n, alpha });
  // Guard the ceiling against float dust in the formula: nudge until the target is met.
  while (powerAt(perArm) < power) perArm += 1;
  return { baseline: p1, treatment: p2, perArm, total: 2 * perArm, exactPerArm, achievedPower: powerAt(perArm), alpha, power };
}

export interface MeanSampleSizeInput {
  /** Standard deviation of the metric per user (assumed equal in both arms). */
  readonly sd: number;
  /** Minimum detectable difference in means (absolute units). */
  readonly mde: number;
  readonly alpha?: number;
  readonly power?: number;
  readonly method?: "normal" | "t";
}

export function meanPower(input: { readonly sd: number; readonly mde: number; readonly n: number; readonly alpha?: number; readonly method?: "normal" | "t" }): number {
  assertPositive("sd", input.sd);
  assertFinite("mde", input.mde);
  if (input.mde === 0) throw new RangeError("mde must be non-zero");
  assertPositive("n", input.n);
  const alpha = input.alpha ?? 0.05;
  assertOpenUnit("alpha", alpha);
  const ncp = Math.abs(input.mde) / (input.sd * Math.sqrt(2 / input.n));
  if ((input.method ?? "normal") === "normal") {
    const z = -normalQuantile(alpha / 2);
    return normalCdf(ncp - z) + normalCdf(-ncp - z);
  }
  if (input.n < 2) throw new RangeError(`n must be at least 2 for the t method (got ${input.n})`);
  const df = 2 * input.n - 2;
  const t = -studentTQuantile(alpha / 2, df);
  return studentTCdf(ncp - t, df) + studentTCdf(-ncp - t, df);
}

export function meanSampleSize(input: MeanSampleSizeInput): SampleSizeResult {
  const { sd, mde } = input;
  const alpha = input.alpha ?? 0.05;
  const power = input.power ?? 0.8;
  const method = input.method ?? "normal";
  assertPositive("sd", sd);
  assertFinite("mde", mde);
  if (mde === 0) throw new RangeError("mde must be non-zero");
  assertOpenUnit("alpha", alpha);
  assertOpenUnit("power", power);
  const z = -normalQuantile(alpha / 2) + normalQuantile(power);
  const exactPerArm = (2 * Math.max(0, z) ** 2 * sd * sd) / (mde * mde);
  let perArm = Math.max(2, Math.ceil(exactPerArm - 1e-9));
  const powerAt = (n: number) => meanPower({ sd, mde, n, alpha, method });
  while (powerAt(perArm) < power) perArm += 1;
  return { perArm, total: 2 * perArm, exactPerArm, achievedPower: powerAt(perArm), alpha, power };
}

