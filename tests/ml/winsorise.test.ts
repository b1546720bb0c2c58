import { describe, expect, it } from "vitest";
import { applyCaps, fitCaps, fromRows, percentileOfSorted } from "../../server/ml";

describe("outlier caps (upper-tail winsorising)", () => {
  it("interpolates percentiles like numpy's default and percentile_cont", () => {
    expect(percentileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileOfSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 10);
    expect(percentileOfSorted([], 0.5)).toBeNaN();
  });

  it("learns a cap per cappable column over the non-missing values and clips only above it", () => {
    // Column 0: 1..9 and 100, one missing; 90th percentile = 9 + 0.1 * 91 = 18.1 (n = 10).
    const rows = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100, Number.NaN].map((v, i) => [v, i === 10 ? 1 : 0, 1000 * i]);
    const X = fromRows(rows);
    const caps = fitCaps(X, 90, [true, true, false]);
    expect(caps.percentile).toBe(90);
    expect(caps.upper[0]).toBeCloseTo(18.1, 10);
    // Column 1 is 0 for more than 90 % of rows: a cap at its minimum would make it constant, so none.
    expect(caps.upper[1]).toBeNull();
    // Column 2 is not cappable.
    expect(caps.upper[2]).toBeNull();

    const { X: clipped, capped } = applyCaps(caps, X);
    expect(capped).toEqual([1, 0, 0]);
    const at = (i: number, j: number) => clipped.data[i * 3 + j]!;
    expect(at(9, 0)).toBeCloseTo(18.1, 10);
    expect(at(4, 0)).toBe(5);
    expect(at(10, 0)).toBeNaN();
    expect(at(10, 1)).toBe(1);
    expect(at(10, 2)).toBe(10_000);
    // The input is left as it was.
    expect(X.data[9 * 3]).toBe(100);
  });

  it("refuses a percentile outside (0, 100) and a flag list of the wrong width", () => {
    const X = fromRows([[1], [2]]);
    expect(() => fitCaps(X, 0, [true])).toThrow(/percentile/);
    expect(() => fitCaps(X, 100, [true])).toThrow(/percentile/);
    expect(() => fitCaps(X, 99, [true, false])).toThrow(/flags/);
    expect(fitCaps(fromRows([[Number.NaN], [Number.NaN]]), 99, [true]).upper).toEqual([null]);
  });
});
