import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cutTree, leavesOfGroup } from "../../lib/shared/hierarchy-cut";

/** SciPy reference: tests/segments/fixtures/make-ward-cut.py (linkage(method="ward"), fcluster maxclust). */
const fixture = JSON.parse(readFileSync(join(__dirname, "fixtures", "ward-cut.json"), "utf8")) as {
  leafCount: number;
  merges: Array<{ a: number; b: number; height: number }>;
  cuts: Record<string, number[]>;
};

/** Labels differ between implementations; the partition (who is grouped with whom) must not. */
function partition(labels: readonly number[]): string {
  const groups = new Map<number, number[]>();
  labels.forEach((label, leaf) => groups.set(label, [...(groups.get(label) ?? []), leaf]));
  return [...groups.values()].map((g) => g.join(",")).sort().join(" | ");
}

describe("cutting a Ward tree", () => {
  it("matches SciPy's fcluster(maxclust=k) for every k", () => {
    for (const [k, labels] of Object.entries(fixture.cuts)) {
      const ours = cutTree(fixture.leafCount, fixture.merges, Number(k));
      expect(new Set(ours).size).toBe(Number(k));
      expect(partition(ours)).toBe(partition(labels));
    }
  });

  it("numbers groups by their smallest leaf and lists a group's leaves", () => {
    const merges = [
      { a: 2, b: 3 },
      { a: 0, b: 1 },
      { a: 4, b: 5 },
    ];
    expect(cutTree(4, merges, 4)).toEqual([0, 1, 2, 3]);
    expect(cutTree(4, merges, 3)).toEqual([0, 1, 2, 2]);
    expect(cutTree(4, merges, 2)).toEqual([0, 0, 1, 1]);
    expect(cutTree(4, merges, 1)).toEqual([0, 0, 0, 0]);
    expect(leavesOfGroup(4, merges, 2, 1)).toEqual([2, 3]);
    expect(() => cutTree(4, merges, 5)).toThrow(RangeError);
  });
});
