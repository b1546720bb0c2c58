import { describe, expect, it } from "vitest";
import {
  bayesProportions,
  compareProportions,
  confidenceSequence,
  cuped,
  holmAdjust,
  sampleRatioMismatch,
  welchFromSamples,
  welchTest,
} from "../../server/stats";

/** Undefined quantities must be explicit markers: nothing NaN, Infinite or null may leak out. */
function expectClean(value: unknown): void {
  const walk = (v: unknown, where: string): void => {
    if (typeof v === "number") expect(Number.isFinite(v), `${where} = ${v}`).toBe(true);
    else if (v === null) throw new Error(`${where} is null`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
  };
  walk(value, "result");
}

describe("zero-rate and degenerate proportions", () => {
  it("control rate zero: relative lift undefined, everything else still reported", () => {
    const r = compareProportions({ cA: 0, nA: 500, cB: 4, nB: 500 });
    expectClean(r);
    expect(r.relativeLift).toEqual({ defined: false, reason: "control rate is zero: relative lift undefined" });
    expect(r.zTest.defined && r.difference.defined && r.armA.defined).toBe(true);
    if (r.armA.defined) expect(r.armA.wilson.lower).toBe(0);
  });

  it("treatment rate zero: lift interval undefined (delta method divides by pB)", () => {
    const r = compareProportions({ cA: 4, nA: 500, cB: 0, nB: 500 });
    expectClean(r);
    expect(r.relativeLift.defined).toBe(false);
    if (!r.relativeLift.defined) expect(r.relativeLift.reason).toMatch(/treatment rate is zero/);
  });

  it("all-zero conversions: z-test, Wald interval and lift undefined with reasons", () => {
    const r = compareProportions({ cA: 0, nA: 1000, cB: 0, nB: 1000 });
    expectClean(r);
    expect(r.zTest).toMatchObject({ defined: false, reason: expect.stringMatching(/no conversions/) });
    expect(r.difference).toMatchObject({ defined: false, reason: expect.stringMatching(/standard error is zero/) });
    expect(r.relativeLift).toMatchObject({ defined: false, reason: expect.stringMatching(/control rate is zero/) });
    expect(r.armA.defined).toBe(true);
  });

  it("all converted in both arms: z-test undefined", () => {
    const r = compareProportions({ cA: 10, nA: 10, cB: 20, nB: 20 });
    expectClean(r);
    expect(r.zTest.defined).toBe(false);
    expect(r.relativeLift.defined).toBe(false);
  });

  it("n = 0 in an arm: every comparison undefined, the other arm still summarized", () => {
    const r = compareProportions({ cA: 0, nA: 0, cB: 5, nB: 100 });
    expectClean(r);
    expect(r.armA).toEqual({ defined: false, reason: "arm A has no observations" });
    expect(r.armB.defined).toBe(true);
    for (const part of [r.zTest, r.difference, r.relativeLift]) expect(part).toEqual({ defined: false, reason: "arm A has no observations" });
    expectClean(compareProportions({ cA: 0, nA: 0, cB: 0, nB: 0 }));
  });

  it("Bayes stays finite at zero rates and n = 0 (the Beta(1,1) prior makes it proper)", () => {
    for (const input of [
      { cA: 0, nA: 0, cB: 0, nB: 0 },
      { cA: 0, nA: 1000, cB: 0, nB: 1000 },
      { cA: 0, nA: 0, cB: 3, nB: 50 },
      { cA: 100, nA: 100, cB: 0, nB: 100 },
    ]) {
      const r = bayesProportions(input);
      expectClean(r);
      expect(r.probBBeatsA).toBeGreaterThanOrEqual(0);
      expect(r.probBBeatsA).toBeLessThanOrEqual(1);
    }
    expect(bayesProportions({ cA: 0, nA: 0, cB: 0, nB: 0 }).probBBeatsA).toBeCloseTo(0.5, 12);
    expect(bayesProportions({ cA: 0, nA: 0, cB: 0, nB: 0 }).expectedLossB).toBeCloseTo(1 / 6, 12);
  });
});

describe("degenerate Welch / CUPED", () => {
  it("variance 0 in both arms: undefined, not Infinity", () => {
    const r = welchTest({ nA: 50, meanA: 3, varA: 0, nB: 50, meanB: 4, varB: 0 });
    expect(r).toEqual({ defined: false, reason: "both arms have zero variance: t statistic undefined" });
  });

  it("variance 0 in one arm is fine (df falls back to the other arm's n − 1)", () => {
    const r = welchTest({ nA: 50, meanA: 3, varA: 0, nB: 40, meanB: 4, varB: 2 });
    expectClean(r);
    expect(r.defined && r.df).toBeCloseTo(39, 12);
  });

  it("n = 0 or 1: undefined", () => {
    expect(welchTest({ nA: 0, meanA: 0, varA: 0, nB: 10, meanB: 1, varB: 1 }).defined).toBe(false);
    expect(welchFromSamples([1], [1, 2, 3]).defined).toBe(false);
    expect(welchFromSamples([], [])).toMatchObject({ defined: false, reason: expect.stringMatching(/arm A needs at least 2/) });
  });

  it("CUPED with a constant covariate: theta undefined, raw still reported", () => {
    const r = cuped({ yA: [1, 2, 3], xA: [5, 5, 5], yB: [2, 3, 4], xB: [5, 5, 5] });
    expectClean(r);
    expect(r.theta.defined).toBe(false);
    expect(r.adjusted.defined).toBe(false);
    expect(r.raw.defined).toBe(true);
  });

  it("CUPED with empty arms: undefined", () => {
    expectClean(cuped({ yA: [], xA: [], yB: [], xB: [] }));
  });
});

describe("other degenerate inputs", () => {
  it("SRM with no traffic is undefined; Holm of nothing is nothing; sequence at n = 0 is undefined", () => {
    expect(sampleRatioMismatch([0, 0], [1, 1]).defined).toBe(false);
    expect(holmAdjust([])).toEqual([]);
    expect(confidenceSequence({ variance: 1, n: 0, nStar: 100, alpha: 0.05 }).defined).toBe(false);
  });
});
