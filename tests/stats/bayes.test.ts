import { describe, expect, it } from "vitest";
import { bayesProportions } from "../../server/stats";
import { relativeError } from "./fixture-loader";

// Exact values from the closed-form sum for integer Beta parameters (Evan Miller), evaluated in
// mpmath at 50 digits, independent of any numerical integration:
//   P(pB > pA) = Σ_{i<αB} B(αA+i, βA+βB) / ((βB+i) B(1+i, βB) B(αA, βA))
//   E[max(pA−pB,0)] = E[pA]·P(A' > B) − E[pB]·P(A > B'),  A' ~ Beta(αA+1, βA), B' ~ Beta(αB+1, βB)
const EXACT: [cA: number, nA: number, cB: number, nB: number, prob: number, loss: number][] = [
  [120, 2400, 150, 2380, 0.97432195080105781, 6.523513478359621e-5],
  [9120, 100000, 9430, 100100, 0.9897772073956449, 4.5027496604750775e-6],
  [0, 500, 4, 500, 0.96906171906171906, 6.1322813186743309e-5],
  [0, 0, 9000, 100000, 0.09000819983600328, 0.41404294770418902],
  [5, 10, 50000, 100000, 0.5, 0.056399867977967297],
  [0, 500, 0, 500, 0.5, 0.00099502289942920243],
  [30, 100, 2, 1000, 2.7482391511985666e-32, 0.30092755665140308],
];

describe("bayes", () => {
  it("matches the exact closed form far beyond the 1e-4 contract, including lopsided posteriors", () => {
    for (const [cA, nA, cB, nB, prob, loss] of EXACT) {
      const r = bayesProportions({ cA, nA, cB, nB });
      expect(relativeError(r.probBBeatsA, prob), `P ${cA}/${nA} vs ${cB}/${nB}`).toBeLessThan(1e-9);
      expect(relativeError(r.expectedLossB, loss), `loss ${cA}/${nA} vs ${cB}/${nB}`).toBeLessThan(1e-9);
    }
  });

  it("satisfies lossA − lossB = E[pB] − E[pA] and symmetry", () => {
    const r = bayesProportions({ cA: 37, nA: 800, cB: 52, nB: 790 });
    const mean = (p: { alpha: number; beta: number }) => p.alpha / (p.alpha + p.beta);
    expect(r.expectedLossA - r.expectedLossB).toBeCloseTo(mean(r.posteriorB) - mean(r.posteriorA), 14);
    const swapped = bayesProportions({ cA: 52, nA: 790, cB: 37, nB: 800 });
    expect(swapped.probBBeatsA).toBeCloseTo(1 - r.probBBeatsA, 12);
    expect(swapped.expectedLossB).toBeCloseTo(r.expectedLossA, 14);
  });
});
