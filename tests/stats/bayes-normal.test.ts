import { describe, expect, it } from "vitest";
import { normalDifferenceBayes } from "../../server/stats";
import { integrate } from "../../server/stats/quadrature";

const density = (x: number, mean: number, sd: number) => Math.exp(-0.5 * ((x - mean) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));

describe("normalDifferenceBayes (posterior N(d, se²) of μB − μA)", () => {
  for (const [diff, se] of [
    [1.5, 1],
    [-0.8, 0.5],
    [0, 2],
    [12.3, 4.1],
    [-30, 9],
  ] as const) {
    it(`d = ${diff}, se = ${se}: P(B > A) and the expected loss equal the integrals they stand for`, () => {
      const result = normalDifferenceBayes(diff, se);
      if (!result.defined) throw new Error(result.reason);
      const lo = diff - 40 * se;
      const hi = diff + 40 * se;
      const prob = integrate((x) => density(x, diff, se), 0, Math.max(hi, 1)).value;
      const loss = integrate((x) => -x * density(x, diff, se), Math.min(lo, -1), 0).value;
      expect(result.probBBeatsA).toBeCloseTo(prob, 10);
      expect(result.expectedLossB).toBeCloseTo(loss, 9);
    });
  }

  it("says why when the difference has no spread, instead of answering 0 or 1", () => {
    expect(normalDifferenceBayes(3, 0)).toEqual({ defined: false, reason: expect.stringContaining("standard error 0") });
  });
});
