/**
 * Thompson sampling for conversion arms: each arm's traffic share is the posterior probability
 * (Beta(1 + successes, 1 + failures)) that it is the best arm, estimated by Monte Carlo, and the
 * next visitor goes to the arm with the highest single posterior draw.
 */
import { createRng, sampleBeta, type Rng } from "./random";
import { assertCount } from "./validate";

export interface BanditArm {
  readonly successes: number;
  readonly failures: number;
}

export interface ThompsonOptions {
  readonly seed: number;
  /** Monte Carlo draws for the shares; the standard error of a share is ≤ 0.5/√draws. */
  readonly draws?: number;
}

export interface ThompsonResult {
  /** Per-arm share of traffic, in input order; sums to 1. */
  readonly shares: number[];
  /** Index of the arm for the next visitor. */
  readonly chosenArm: number;
  readonly draws: number;
  readonly seed: number;
}

/** One Thompson step: draw each arm's rate from its posterior and pick the highest. */
export function thompsonChoose(rng: Rng, arms: readonly BanditArm[]): number {
  let best = 0;
  let bestValue = -1;
  arms.forEach((arm, i) => {
    const value = sampleBeta(rng, 1 + arm.successes, 1 + arm.failures);
    if (value > bestValue) {
      bestValue = value;
      best = i;
    }
  });
  return best;
}

export function thompsonAllocation(arms: readonly BanditArm[], options: ThompsonOptions): ThompsonResult {
  if (!Array.isArray(arms) || arms.length === 0) throw new RangeError("arms must list at least one arm");
  arms.forEach((arm, i) => {
    assertCount(`arms[${i}].successes`, arm.successes);
    assertCount(`arms[${i}].failures`, arm.failures);
  });
  const draws = options.draws ?? 10_000;
  assertCount("draws", draws);
  if (draws === 0) throw new RangeError("draws must be at least 1");
  const rng = createRng(options.seed);
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) {
    const i = thompsonChoose(rng, arms);
    wins[i] = (wins[i] ?? 0) + 1;
  }
  const chosenArm = thompsonChoose(rng, arms);
  return { shares: wins.map((w) => w / draws), chosenArm, draws, seed: options.seed };
}
