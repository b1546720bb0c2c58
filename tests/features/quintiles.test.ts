import { describe, expect, it } from "vitest";
import { quintileScores } from "../../server/features/quintiles";

describe("quintile scores", () => {
  it("scores quintiles with ties sharing the score their group reaches", () => {
    expect(quintileScores([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], true)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // 6 of 10 tied at 1: cume_dist 0.6 -> 3; scores 1-2 stay empty.
    expect(quintileScores([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], true)).toEqual([3, 3, 3, 3, 3, 3, 4, 4, 5, 5]);
    expect(quintileScores([0, 10, 20, 30, 40], false)).toEqual([5, 4, 3, 2, 1]);
  });
});
