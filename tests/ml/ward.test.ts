import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "../../server/ml/ari";
import { kmeans } from "../../server/ml/kmeans";
import { fromRows } from "../../server/ml/matrix";
import { cutTree, linkageMatrix, wardLinkage } from "../../server/ml/ward";
import { blobs } from "./data";

describe("ward", () => {
  it("matches a hand-computed scipy linkage on four points", () => {
    // 0,1 at distance 1 merge first (height 1, scipy id 4); 5,7 at distance 2 next (id 5).
    // Final: clusters {0,1} (centre 0.5) and {5,7} (centre 6): sqrt(2*2*2/4)*5.5 = 5.5*sqrt(2).
    const Z = linkageMatrix(wardLinkage(fromRows([[0], [1], [5], [7]])));
    const expected = [0, 1, 1, 2, 2, 3, 2, 2, 4, 5, 5.5 * Math.SQRT2, 4];
    Array.from(Z.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });

  it("cuts three obvious groups into those groups", () => {
    const { X, truth } = blobs(
      [
        [0, 0],
        [10, 0],
        [0, 10],
      ],
      50,
      0.8,
      3,
    );
    const tree = wardLinkage(X);
    expect(tree.merges).toHaveLength(X.rows - 1);
    expect(tree.merges[tree.merges.length - 1]!.size).toBe(X.rows);
    for (let i = 1; i < tree.merges.length; i++) expect(tree.merges[i]!.distance).toBeGreaterThanOrEqual(tree.merges[i - 1]!.distance);
    expect(adjustedRandIndex(cutTree(tree, 3), truth)).toBe(1);
  });

  it("weighted centroids behave like the points they stand for", () => {
    // Two coincident points of weight 1 each are the same as one point of weight 2.
    const dup = wardLinkage(fromRows([[0], [0], [3]]));
    const weighted = wardLinkage(fromRows([[0], [3]]), Float64Array.from([2, 1]));
    expect(weighted.merges[0]!.distance).toBeCloseTo(dup.merges[1]!.distance, 12);
    expect(weighted.merges[0]!.weight).toBe(3);
  });

  it("builds a hierarchy over k-means centroids weighted by cluster size", () => {
    const { X, truth } = blobs(
      [
        [0, 0],
        [12, 0],
        [0, 12],
      ],
      300,
      1,
      6,
    );
    const fit = kmeans(X, { k: 12, seed: 2 });
    const sizes = new Float64Array(12);
    for (const l of fit.labels) sizes[l]!++;
    const top = cutTree(wardLinkage(fit.centroids, sizes), 3);
    const pointLabels = Int32Array.from(fit.labels, (l) => top[l]!);
    expect(adjustedRandIndex(pointLabels, truth)).toBeGreaterThanOrEqual(0.95);
  });
});
