/**
 * Bayesian read-out for conversion rates with independent Beta(1, 1) priors. Both quantities
 * are one-dimensional integrals evaluated by adaptive Gauss–Kronrod:
 *   P(pB > pA)          = ∫ f_B(t) · F_A(t) dt
 *   E[max(pA − pB, 0)]  = ∫ F_B(t) · (1 − F_A(t)) dt
 * The second form (from (X − Y)⁺ = ∫ 1{Y ≤ t < X} dt) has a non-negative integrand, so a loss of
 * 1e-6 is not the difference of two numbers near 0.1.
 */
import { betaLogPdf, betaTails } from "./distributions";
import { integrate } from "./quadrature";
import { assertConversions } from "./validate";

export interface BetaPosterior {
  readonly alpha: number;
  readonly beta: number;
}

export interface BayesInput {
  readonly cA: number;
  readonly nA: number;
  readonly cB: number;
  readonly nB: number;
}

export interface BayesResult {
  readonly posteriorA: BetaPosterior;
  readonly posteriorB: BetaPosterior;
  readonly probBBeatsA: number;
  /** Expected rate given up by shipping B: E[max(pA − pB, 0)]. */
  readonly expectedLossB: number;
  /** Expected rate given up by keeping A: E[max(pB − pA, 0)]. */
  readonly expectedLossA: number;
}

const PRIOR: BetaPosterior = { alpha: 1, beta: 1 };

function moments(p: BetaPosterior): { mean: number; sd: number } {
  const s = p.alpha + p.beta;
  return { mean: p.alpha / s, sd: Math.sqrt((p.alpha * p.beta) / (s * s * (s + 1))) };
}

// Breakpoints spread over ±40 sd around each posterior: Beta tails beyond 40 sd are far below
// 1e-15, and pinning the peaks stops the adaptive rule from stepping over a narrow posterior.
const SD_MULTIPLES = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 20, 40];

function breakpoints(...posteriors: BetaPosterior[]): number[] {
  const points: number[] = [];
  for (const p of posteriors) {
    const { mean, sd } = moments(p);
    for (const k of SD_MULTIPLES) points.push(mean - k * sd, mean + k * sd);
  }
  return points.filter((x) => x > 0 && x < 1);
}

const TOLERANCE = { absTol: 1e-15, relTol: 1e-12 };

/** P(X > Y) for independent Beta variables. */
export function probGreater(x: BetaPosterior, y: BetaPosterior): number {
  const value = integrate(
    (t) => Math.exp(betaLogPdf(t, x.alpha, x.beta)) * betaTails(t, y.alpha, y.beta).cdf,
    0,
    1,
    { ...TOLERANCE, breakpoints: breakpoints(x, y) },
  ).value;
  return Math.min(1, Math.max(0, value));
}

/** E[max(X − Y, 0)] for independent Beta variables. */
export function expectedShortfall(x: BetaPosterior, y: BetaPosterior): number {
  const value = integrate(
    (t) => betaTails(t, y.alpha, y.beta).cdf * betaTails(t, x.alpha, x.beta).sf,
    0,
    1,
    { ...TOLERANCE, breakpoints: breakpoints(x, y) },
  ).value;
  return Math.max(0, value);
}

export function posterior(c: number, n: number, prior: BetaPosterior = PRIOR): BetaPosterior {
  return { alpha: prior.alpha + c, beta: prior.beta + n - c };
}

export function bayesProportions(input: BayesInput): BayesResult {
  const { cA, nA, cB, nB } = input;
  assertConversions("cA", cA, "nA", nA);
  assertConversions("cB", cB, "nB", nB);
  // With the proper Beta(1, 1) prior every quantity is finite even at n = 0 or zero conversions;
  // then the answer is (partly) the prior, which posteriorA/B make visible.
  const posteriorA = posterior(cA, nA);
  const posteriorB = posterior(cB, nB);
  return {
    posteriorA,
    posteriorB,
    probBBeatsA: probGreater(posteriorB, posteriorA),
    expectedLossB: expectedShortfall(posteriorA, posteriorB),
    expectedLossA: expectedShortfall(posteriorB, posteriorA),
  };
}
