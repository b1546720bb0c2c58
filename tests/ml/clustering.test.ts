import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "../../server/ml/ari";
import { assignNearest } from "../../server/ml/assign";
import { bestBySilhouette, elbowK, scanK } from "../../server/ml/elbow";
import { kmeans } from "../../server/ml/kmeans";
import { fromRows, selectRows } from "../../server/ml/matrix";
import { miniBatchKMeans } from "../../server/ml/minibatch";
import { silhouetteScore } from "../../server/ml/silhouette";
import { fitStandardiser, transform } from "../../server/ml/standardise";
import { blobs } from "./data";

const CENTRES = [
  [0, 0, 0],
  [8, 0, 0],
  [0, 8, 0],
  [0, 0, 8],
  [8, 8, 8],
];

describe("standardise", () => {
  it("ignores NaN when fitting and imputes the mean when transforming", () => {
    const X = fromRows([
      [1, 10],
      [3, NaN],
      [NaN, 30],
    ]);
    const s = fitStandardiser(X);
    expect(s.means).toEqual([2, 20]);
    expect(s.sds).toEqual([1, 10]);
    expect(Array.from(transform(s, X).data)).toEqual([-1, -1, 1, 0, 0, 1]);
  });
});

describe("kmeans", () => {
  const { X, truth } = blobs(CENTRES, 400, 1, 1);

  it("recovers well-separated planted blobs (ARI >= 0.95)", () => {
    const fit = kmeans(X, { k: 5, seed: 7 });
    expect(adjustedRandIndex(fit.labels, truth)).toBeGreaterThanOrEqual(0.95);
    // Labels and inertia must agree with a brute-force assignment to the returned centres.
    const exact = assignNearest(X, fit.centroids);
    expect(Array.from(exact.labels)).toEqual(Array.from(fit.labels));
    expect(fit.inertia).toBeCloseTo(exact.inertia, 6);
  });

  it("never increases inertia with more restarts", () => {
    const hard = blobs(CENTRES, 60, 3.5, 2).X;
    let previous = Infinity;
    for (const restarts of [1, 2, 4, 8]) {
      const fit = kmeans(hard, { k: 7, seed: 3, restarts });
      expect(fit.inertia).toBeLessThanOrEqual(previous + 1e-9);
      previous = fit.inertia;
    }
  });

  it("is deterministic and honours given initial centres", () => {
    const a = kmeans(X, { k: 5, seed: 11 });
    const b = kmeans(X, { k: 5, seed: 11 });
    expect(a.inertia).toBe(b.inertia);
    const fromPlanted = kmeans(X, { k: 5, initialCentres: fromRows(CENTRES) });
    // Started at the planted centres, cluster j must stay blob j.
    expect(adjustedRandIndex(fromPlanted.labels, truth)).toBeGreaterThanOrEqual(0.95);
    expect(fromPlanted.labels[0]).toBe(0);
    expect(fromPlanted.labels[X.rows - 1]).toBe(4);
  });

  it("mini-batch mode lands close to full k-means on planted blobs", () => {
    const big = blobs(CENTRES, 4000, 1, 5).X;
    const full = kmeans(big, { k: 5, seed: 1, restarts: 2 });
    const mini = miniBatchKMeans(big, { k: 5, seed: 1, batchSize: 512, maxIter: 50 });
    expect(mini.inertia / full.inertia).toBeLessThan(1.02);
    expect(adjustedRandIndex(mini.labels, full.labels)).toBeGreaterThanOrEqual(0.95);
  });
});

describe("choosing k", () => {
  it("silhouette picks the planted k and the elbow agrees", () => {
    const { X } = blobs(CENTRES.slice(0, 4), 150, 1, 4);
    const scan = scanK(X, 2, 8, { seed: 1 });
    expect(bestBySilhouette(scan)).toBe(4);
    expect(elbowK(scan)).toBe(4);
  });

  it("silhouette matches a hand computation on four points", () => {
    // Points 0,1 | 10,11 on a line. For x=0: a=1, b=mean(10,11)=10.5 -> s=(10.5-1)/10.5.
    const X = fromRows([[0], [1], [10], [11]]);
    const labels = Int32Array.from([0, 0, 1, 1]);
    const s0 = 9.5 / 10.5;
    const s1 = (9.5 - 1) / 9.5; // x=1: a=1, b=mean(9,10)=9.5
    expect(silhouetteScore(X, labels)).toBeCloseTo((s0 + s1) / 2, 12);
    expect(silhouetteScore(selectRows(X, [0, 1, 2, 3]), labels, { sampleSize: 4, seed: 9 })).toBeCloseTo((s0 + s1) / 2, 12);
  });
});

describe("adjusted Rand index", () => {
  it("is 1 under relabelling and matches a hand-computed value", () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [5, 5, 2, 2])).toBe(1);
    // sklearn doc example: ARI([0,0,1,1],[0,0,1,2]) = 0.5714285714...
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
  });
});
