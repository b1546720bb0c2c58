import { createRng, thompsonChoose, type BanditArm } from "../stats";

export interface SimCustomer {
  /** True conversion probability under each arm (planted truth), in arm order. */
  probabilities: readonly number[];
}

export interface BanditSimulation {
  pulls: number[];
  shares: number[];
  /** Expected regret: Σ over customers of (best arm's true probability − chosen arm's). */
  cumulativeRegret: number;
  /** The same quantity for a fixed equal split, as the yardstick. */
  uniformRegret: number;
  /** Cumulative regret after each batch, for a chart. */
  regretSeries: { customers: number; regret: number; uniformRegret: number }[];
  bestArm: number;
}

/**
 * Thompson sampling with delayed feedback: customers arrive in batches, each is sent to the arm
 * whose Beta posterior draw is highest, and outcomes update the posteriors only after the batch
 * (as they would after an attribution window).
 */
export function simulateThompson(customers: readonly SimCustomer[], options: { seed: number; batchSize?: number }): BanditSimulation {
  const armCount = customers[0]?.probabilities.length ?? 0;
  if (armCount === 0) throw new RangeError("customers must have at least one arm probability");
  const rng = createRng(options.seed);
  const batchSize = options.batchSize ?? 100;
  const state: BanditArm[] = Array.from({ length: armCount }, () => ({ successes: 0, failures: 0 }));
  const pulls = new Array<number>(armCount).fill(0);
  const truthMeans = new Array<number>(armCount).fill(0);
  let regret = 0;
  let uniformRegret = 0;
  const regretSeries: BanditSimulation["regretSeries"] = [];
  for (let start = 0; start < customers.length; start += batchSize) {
    const pending: { arm: number; converted: boolean }[] = [];
    for (const customer of customers.slice(start, start + batchSize)) {
      const arm = thompsonChoose(rng, state);
      const p = customer.probabilities;
      const best = Math.max(...p);
      const chosen = p[arm] ?? 0;
      regret += best - chosen;
      uniformRegret += best - p.reduce((sum, x) => sum + x, 0) / p.length;
      p.forEach((x, i) => (truthMeans[i] = (truthMeans[i] ?? 0) + x));
      pulls[arm] = (pulls[arm] ?? 0) + 1;
      pending.push({ arm, converted: rng() < chosen });
    }
    for (const { arm, converted } of pending) {
      const s = state[arm];
      if (!s) continue;
      state[arm] = converted ? { successes: s.successes + 1, failures: s.failures } : { successes: s.successes, failures: s.failures + 1 };
    }
    regretSeries.push({ customers: Math.min(customers.length, start + batchSize), regret, uniformRegret });
  }
  const total = pulls.reduce((a, b) => a + b, 0);
  const bestArm = truthMeans.indexOf(Math.max(...truthMeans));
  return { pulls, shares: pulls.map((n) => n / total), cumulativeRegret: regret, uniformRegret, regretSeries, bestArm };
}
