import { describe, expect, it } from "vitest";
import { applyStandardisation, percentileOfSorted, standardise, winsorise, winsoriseMatrix } from "../../server/features/scaling";
import { quintileScores } from "../../server/features/quintiles";

describe("winsorising and standardising feature matrices", () => {
  it("interpolates percentiles like numpy's default", () => {
    expect(percentileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileOfSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 10);
    expect(percentileOfSorted([], 0.5)).toBeNaN();
  });

  it("clips to configurable percentiles and leaves nulls null", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100, null];
    // 0.1 -> 1 + 0.9*1 = 1.9 ; 0.9 -> 9 + 0.1*91 = 18.1 (sorted non-null values, n = 10)
    const clipped = winsorise(values, { lower: 0.1, upper: 0.9 });
    expect(clipped[0]).toBeCloseTo(1.9, 10);
    expect(clipped[9]).toBeCloseTo(18.1, 10);
    expect(clipped[4]).toBe(5);
    expect(clipped[10]).toBeNull();
    expect(winsorise([null, null])).toEqual([null, null]);
    expect(() => winsorise([1], { lower: 0.9, upper: 0.1 })).toThrow(/lower/);
    expect(winsoriseMatrix([[1, 10], [2, null], [3, 30]], { lower: 0, upper: 0.5 })).toEqual([[1, 10], [2, null], [2, 20]]);
  });

  it("standardises columns with population sd, nulls kept, constant columns mapped to 0", () => {
    const { matrix, means, sds } = standardise([
      [1, 5, null],
      [2, 5, 4],
      [3, 5, 8],
    ]);
    expect(means).toEqual([2, 5, 6]);
    expect(sds[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(sds[1]).toBe(1);
    expect(sds[2]).toBeCloseTo(2, 12);
    expect(matrix[0]?.[0]).toBeCloseTo(-1 / Math.sqrt(2 / 3), 12);
    expect(matrix.map((row) => row[1])).toEqual([0, 0, 0]);
    expect(matrix.map((row) => row[2])).toEqual([null, -1, 1]);
    expect(applyStandardisation([[4, 6, 10]], means, sds)[0]?.[2]).toBe(2);
    expect(() => standardise([[1, 2], [3]])).toThrow(/row 1/);
  });

  it("scores quintiles with ties sharing the score their group reaches", () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // 6 of 10 tied at 1: cume_dist 0.6 -> 3; scores 1-2 stay empty.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], true)).toEqual([3, 3, 3, 3, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([0, 10, 20, 30, 40], false)).toEqual([5, 4, 3, 2, 1]);
  });
});
