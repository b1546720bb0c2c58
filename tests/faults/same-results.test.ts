import { describe, expect, it } from "vitest";
import { firstDifference, sortedRows } from "./support/same-results";

describe("comparing two runs' results", () => {
  it("takes floating-point sums that differ in the last bits as equal, and anything else as a difference", () => {
    expect(firstDifference({ a: 0.1 + 0.2, b: "x" }, { a: 0.3, b: "x" })).toBeNull();
    expect(firstDifference({ inertia: 3131.5281997389275 }, { inertia: 3131.528199902733 })).toBeNull();
    expect(firstDifference({ a: 1.0001 }, { a: 1 })).toBe(".a: 1.0001 vs 1");
    expect(firstDifference({ a: 1, b: 2 }, { a: 1 })).toBe(".b: present on one side only");
    expect(firstDifference([1, 2], [1, 2, 3])).toBe("list: 2 vs 3 items");
    expect(firstDifference({ k: 7 }, { k: 8 })).toBe(".k: 7 vs 8");
  });

  it("lines rows up by everything but their fractional numbers", () => {
    const left = sortedRows([{ id: 2, v: 0.30000000000000004 }, { id: 1, v: 0.1 }]);
    const right = sortedRows([{ id: 1, v: 0.1000000000000001 }, { id: 2, v: 0.3 }]);
    expect(firstDifference(left, right)).toBeNull();
    expect(left.map((row) => (row as { id: number }).id)).toEqual([1, 2]);
  });
});
