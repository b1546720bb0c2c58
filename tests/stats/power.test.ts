import { describe, expect, it } from "vitest";
import { meanPower, meanSampleSize, proportionPower, proportionSampleSize } from "../../server/stats";

describe("two-proportion sample size (pooled null / unpooled alternative)", () => {
  it("reproduces the textbook 10% → 12%, α .05, power .8 → 3,841 per arm", () => {
    const r = proportionSampleSize({ baseline: 0.1, mde: 0.02 });
    expect(r.perArm).toBe(3841);
    expect(r.total).toBe(7682);
    // Unrounded value of the same formula evaluated in SciPy.
    expect(r.exactPerArm).toBeCloseTo(3840.847482436276, 8);
    expect(proportionSampleSize({ baseline: 0.1, mde: 0.2, mdeType: "relative" }).perArm).toBe(3841);
  });

  it("matches the formula in SciPy for other designs", () => {
    expect(proportionSampleSize({ baseline: 0.05, mde: 0.1, mdeType: "relative" }).exactPerArm).toBeCloseTo(31233.43794013, 5);
    expect(proportionSampleSize({ baseline: 0.5, mde: -0.1, alpha: 0.01, power: 0.9 }).exactPerArm).toBeCloseTo(734.0537594449767, 8);
  });

  it("round-trips: power at n ≥ target, and at n − 1 below it", () => {
    for (const design of [
      { baseline: 0.1, mde: 0.02 },
      { baseline: 0.02, mde: 0.15, mdeType: "relative" as const },
      { baseline: 0.6, mde: -0.05, alpha: 0.01, power: 0.95 },
    ]) {
      const r = proportionSampleSize(design);
      expect(r.achievedPower).toBeGreaterThanOrEqual(r.power);
      const below = proportionPower({ ...design, mde: r.treatment - r.baseline, mdeType: "absolute", n: r.perArm - 1 });
      expect(below).toBeLessThan(r.power);
    }
  });
});

describe("two-mean sample size", () => {
  it("normal approximation: d = 0.5 → 63, d = 0.2 → 393 per arm", () => {
    expect(meanSampleSize({ sd: 1, mde: 0.5 }).perArm).toBe(63);
    expect(meanSampleSize({ sd: 10, mde: 2 }).perArm).toBe(393);
  });

  it("t method agrees with exact noncentral-t answers (SciPy nct; Cohen: d = 0.5 → 64)", () => {
    const expected: [number, number][] = [
      [0.2, 394],
      [0.5, 64],
      [0.8, 26],
      [1.2, 12],
    ];
    for (const [d, n] of expected) expect(meanSampleSize({ sd: 1, mde: d, method: "t" }).perArm).toBe(n);
  });

  it("round-trips for both methods", () => {
    for (const method of ["normal", "t"] as const) {
      const r = meanSampleSize({ sd: 40, mde: 3, power: 0.9, method });
      expect(r.achievedPower).toBeGreaterThanOrEqual(0.9);
      expect(meanPower({ sd: 40, mde: 3, n: r.perArm - 1, method })).toBeLessThan(0.9);
    }
  });
});
