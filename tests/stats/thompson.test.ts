import { describe, expect, it } from "vitest";
import { bayesProportions, createRng, sampleBeta, sampleGamma, thompsonAllocation } from "../../server/stats";

describe("seeded PRNG and samplers", () => {
  it("is deterministic per seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("Gamma and Beta samples have the right moments (Marsaglia–Tsang, incl. shape < 1)", () => {
    const rng = createRng(7);
    const n = 100_000;
    for (const shape of [0.4, 1, 3.5, 200]) {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < n; i++) {
        const x = sampleGamma(rng, shape);
        sum += x;
        sq += x * x;
      }
      const mean = sum / n;
      const variance = sq / n - mean * mean;
      // Gamma(k, 1): mean k, variance k; 5 standard errors.
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
      expect(Math.abs(variance / shape - 1)).toBeLessThan(0.05);
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sampleBeta(rng, 3, 7);
    expect(Math.abs(sum / n - 0.3)).toBeLessThan(5 * Math.sqrt(0.3 * 0.7 / 11 / n));
  });
});

describe("Thompson allocation", () => {
  const arms = [
    { successes: 120, failures: 2280 },
    { successes: 150, failures: 2230 },
  ];

  it("is deterministic for a seed", () => {
    expect(thompsonAllocation(arms, { seed: 2024, draws: 5000 })).toEqual(thompsonAllocation(arms, { seed: 2024, draws: 5000 }));
  });

  it("shares sum to 1 and match the exact P(B > A) within Monte Carlo error", () => {
    const r = thompsonAllocation(arms, { seed: 11, draws: 40_000 });
    expect(r.shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
    const exact = bayesProportions({ cA: 120, nA: 2400, cB: 150, nB: 2380 }).probBBeatsA;
    expect(Math.abs((r.shares[1] ?? 0) - exact)).toBeLessThan(5 * Math.sqrt((exact * (1 - exact)) / 40_000));
  });

  it("sends nearly all traffic to a clearly better arm, more so as evidence grows", () => {
    const share = (scale: number) =>
      thompsonAllocation(
        [
          { successes: 5 * scale, failures: 95 * scale },
          { successes: 10 * scale, failures: 90 * scale },
          { successes: 6 * scale, failures: 94 * scale },
        ],
        { seed: 3, draws: 20_000 },
      ).shares[1] ?? 0;
    const shares = [1, 4, 20, 100].map(share);
    expect(shares[0]).toBeLessThan(shares[3] ?? 0);
    expect(shares[2]).toBeGreaterThan(0.999);
    expect(shares[3]).toBe(1);
    const chosen = thompsonAllocation([{ successes: 100, failures: 900 }, { successes: 300, failures: 700 }], { seed: 5 });
    expect(chosen.chosenArm).toBe(1);
  });

  it("splits evenly between identical arms", () => {
    const r = thompsonAllocation([{ successes: 30, failures: 70 }, { successes: 30, failures: 70 }, { successes: 30, failures: 70 }], { seed: 9, draws: 30_000 });
    for (const s of r.shares) expect(Math.abs(s - 1 / 3)).toBeLessThan(0.015);
  });
});
