import { describe, expect, it } from "vitest";
import {
  bayesProportions,
  compareProportions,
  confidenceSequence,
  cuped,
  holmAdjust,
  meanSampleSize,
  proportionSampleSize,
  sampleRatioMismatch,
  thompsonAllocation,
  welchTest,
} from "../../server/stats";

const rangeError = (fn: () => unknown, name: RegExp) => {
  expect(fn).toThrow(RangeError);
  expect(fn).toThrow(name);
};

describe("input validation throws RangeError naming the argument", () => {
  it("proportions and bayes: negative, non-integer, non-finite, conversions > n", () => {
    for (const run of [compareProportions, bayesProportions]) {
      rangeError(() => run({ cA: -1, nA: 10, cB: 1, nB: 10 }), /cA/);
      rangeError(() => run({ cA: 1, nA: -10, cB: 1, nB: 10 }), /nA/);
      rangeError(() => run({ cA: 1, nA: 10, cB: 11, nB: 10 }), /cB \(11\) must not exceed nB \(10\)/);
      rangeError(() => run({ cA: 1, nA: 10, cB: Number.NaN, nB: 10 }), /cB/);
      rangeError(() => run({ cA: 1, nA: Infinity, cB: 1, nB: 10 }), /nA/);
      rangeError(() => run({ cA: 1.5, nA: 10, cB: 1, nB: 10 }), /cA/);
    }
    rangeError(() => compareProportions({ cA: 1, nA: 10, cB: 1, nB: 10 }, { confidence: 1 }), /confidence/);
  });

  it("welch", () => {
    rangeError(() => welchTest({ nA: 10, meanA: Number.NaN, varA: 1, nB: 10, meanB: 0, varB: 1 }), /meanA/);
    rangeError(() => welchTest({ nA: 10, meanA: 0, varA: -1, nB: 10, meanB: 0, varB: 1 }), /varA/);
    rangeError(() => welchTest({ nA: 10, meanA: 0, varA: 1, nB: -3, meanB: 0, varB: 1 }), /nB/);
    rangeError(() => welchTest({ nA: 10, meanA: 0, varA: 1, nB: 10, meanB: 0, varB: Infinity }), /varB/);
  });

  it("cuped names the array and index", () => {
    rangeError(() => cuped({ yA: [1, Number.NaN], xA: [1, 2], yB: [1, 2], xB: [1, 2] }), /yA\[1\]/);
    rangeError(() => cuped({ yA: [1, 2], xA: [1], yB: [1, 2], xB: [1, 2] }), /xA/);
  });

  it("srm, holm, sequential", () => {
    rangeError(() => sampleRatioMismatch([10, -1], [1, 1]), /counts\[1\]/);
    rangeError(() => sampleRatioMismatch([10, 10], [1, 0]), /weights\[1\]/);
    rangeError(() => sampleRatioMismatch([10, 10], [1]), /weights/);
    rangeError(() => holmAdjust([0.1, 1.2]), /pValues\[1\]/);
    rangeError(() => holmAdjust([Number.NaN]), /pValues\[0\]/);
    rangeError(() => confidenceSequence({ variance: -1, n: 10, nStar: 10, alpha: 0.05 }), /variance/);
    rangeError(() => confidenceSequence({ variance: 1, n: 10, nStar: 10, alpha: 0 }), /alpha/);
  });

  it("power and thompson", () => {
    rangeError(() => proportionSampleSize({ baseline: 0, mde: 0.01 }), /baseline/);
    rangeError(() => proportionSampleSize({ baseline: 0.5, mde: 0.6 }), /mde/);
    rangeError(() => proportionSampleSize({ baseline: 0.1, mde: 0.01, power: 1 }), /power/);
    rangeError(() => meanSampleSize({ sd: 0, mde: 1 }), /sd/);
    rangeError(() => thompsonAllocation([{ successes: -1, failures: 2 }], { seed: 1 }), /arms\[0\]\.successes/);
    rangeError(() => thompsonAllocation([{ successes: 1, failures: 2 }], { seed: Number.NaN }), /seed/);
  });
});
