import { describe, expect, it } from "vitest";
import { kmeans } from "../../server/ml/kmeans";
import { kmeansPlusPlus } from "../../server/ml/kmeanspp";
import { fromRows, type Matrix, selectRows, zeros } from "../../server/ml/matrix";
import { createRng } from "../../server/ml/random";

/**
 * Textbook Lloyd, written for clarity: assign every row to its nearest centre (lowest index on
 * ties), move each non-empty centre to its cluster mean, stop when no centre moved (tol 0) or
 * after maxIter updates, then assign once more. The Hamerly/Elkan kernel must reproduce it exactly.
 */
function plainLloyd(X: Matrix, init: Matrix, maxIter: number): { labels: Int32Array; inertia: number; iterations: number } {
  const { rows: n, cols: d, data } = X;
  const k = init.rows;
  const C = Float64Array.from(init.data);
  const labels = new Int32Array(n);
  const assign = (): number => {
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = Infinity;
      for (let j = 0; j < k; j++) {
        let dist = 0;
        for (let t = 0; t < d; t++) dist += (data[i * d + t]! - C[j * d + t]!) ** 2;
        if (dist < best) {
          best = dist;
          labels[i] = j;
        }
      }
      inertia += best;
    }
    return inertia;
  };
  assign();
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]!]!++;
      for (let t = 0; t < d; t++) sums[labels[i]! * d + t]! += data[i * d + t]!;
    }
    let shift = 0;
    for (let j = 0; j < k; j++) {
      if (counts[j] === 0) continue;
      for (let t = 0; t < d; t++) {
        const next = sums[j * d + t]! / counts[j]!;
        shift += (next - C[j * d + t]!) ** 2;
        C[j * d + t] = next;
      }
    }
    if (shift <= 0 || iterations === maxIter) break;
    assign();
  }
  const inertia = assign();
  return { labels, inertia, iterations };
}

function expectSameAsLloyd(X: Matrix, init: Matrix, maxIter = 300): void {
  const ours = kmeans(X, { k: init.rows, initialCentres: init, maxIter, tol: 0, threads: false });
  const plain = plainLloyd(X, init, maxIter);
  // Same starting centres, so the labels must agree exactly, not merely up to a permutation.
  expect(Array.from(ours.labels)).toEqual(Array.from(plain.labels));
  expect(ours.iterations).toBe(plain.iterations);
  if (plain.inertia === 0) expect(ours.inertia).toBe(0);
  else expect(ours.inertia / plain.inertia).toBeCloseTo(1, 10);
}

function gaussianBlobs(n: number, d: number, blobs: number, spread: number, seed: number): Matrix {
  const rng = createRng(seed);
  const centres = Float64Array.from({ length: blobs * d }, () => spread * rng.normal());
  const X = zeros(n, d);
  for (let i = 0; i < n; i++) {
    const c = rng.int(blobs);
    for (let t = 0; t < d; t++) X.data[i * d + t] = centres[c * d + t]! + rng.normal();
  }
  return X;
}

describe("Hamerly/Elkan k-means kernel equals plain Lloyd from the same centres", () => {
  it("on overlapping and on separated blobs, for several k and d (including d not a multiple of 4)", () => {
    for (const [d, k, spread, seed] of [
      [5, 6, 1, 1],
      [16, 8, 2, 2],
      [3, 12, 0.5, 3],
      [7, 4, 6, 4],
      [1, 5, 1, 5],
    ] as const) {
      const X = gaussianBlobs(3000, d, k, spread, seed);
      expectSameAsLloyd(X, kmeansPlusPlus(X, k, createRng(seed)));
    }
  });

  it("when stopped by the iteration cap", () => {
    const X = gaussianBlobs(2000, 4, 5, 0.7, 6);
    const init = kmeansPlusPlus(X, 5, createRng(6));
    for (const maxIter of [0, 1, 2, 5]) expectSameAsLloyd(X, init, maxIter);
  });

  it("with many duplicate points and duplicate starting centres", () => {
    const rng = createRng(7);
    const grid = Array.from({ length: 600 }, () => [rng.int(3), rng.int(3)]);
    const X = fromRows(grid);
    // Rows 0 and the first later copy of it give two identical centres; ties go to the lower index.
    const twin = grid.findIndex((p, i) => i > 0 && p[0] === grid[0]![0] && p[1] === grid[0]![1]);
    expectSameAsLloyd(X, selectRows(X, [0, twin, 5, 9]));
    expectSameAsLloyd(X, kmeansPlusPlus(X, 5, createRng(8)));
    const same = fromRows(Array.from({ length: 50 }, () => [1, 2, 3]));
    expectSameAsLloyd(same, selectRows(same, [0, 1, 2]));
  });

  it("with k = 1 and with k = n", () => {
    const X = gaussianBlobs(300, 3, 3, 1, 9);
    expectSameAsLloyd(X, selectRows(X, [17]));
    const small = gaussianBlobs(40, 2, 2, 1, 10);
    expectSameAsLloyd(small, selectRows(small, Array.from({ length: 40 }, (_, i) => 39 - i)));
    const fit = kmeans(small, { k: 40, initialCentres: small, threads: false });
    expect(fit.inertia).toBe(0);
    expect(Array.from(fit.labels)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("with points exactly equidistant from two or more centres", () => {
    // Midpoints between centres, on a line and on a square: plain Lloyd gives them the lower index.
    const line = fromRows([[0], [1], [2], [3], [4], [1], [3], [5], [6]]);
    expectSameAsLloyd(line, fromRows([[0], [2], [4], [6]]));
    expectSameAsLloyd(line, fromRows([[6], [4], [2], [0]]));
    const square = fromRows([
      [0, 0],
      [2, 0],
      [0, 2],
      [2, 2],
      [1, 1],
      [1, 0],
      [0, 1],
      [1, 2],
      [2, 1],
      [1, 1],
    ]);
    expectSameAsLloyd(square, fromRows([[2, 2], [0, 0], [2, 0], [0, 2]]));
    expectSameAsLloyd(square, fromRows([[0, 0], [2, 2]]));
    // After the first update, centre 1 moves to 3 and the point at 1 (so far in cluster 1) is exactly
    // 2 from both centres: the bounds must not keep it in cluster 1, and Lloyd hands it to centre 0.
    const drift = fromRows([[-1], [1], [3], [5]]);
    expectSameAsLloyd(drift, fromRows([[-1], [2.5]]));
    // The mirror image: there the tie is with a higher index, and the point stays where it is.
    expectSameAsLloyd(drift, fromRows([[2.5], [-1]]));
    const drift2d = fromRows([
      [-1, 0],
      [1, 0],
      [3, 0],
      [5, 0],
      [1, 7],
    ]);
    expectSameAsLloyd(drift2d, fromRows([[-1, 0], [2.5, 0], [1, 7]]));
    // The iterations move the centres onto exact ties too: a symmetric cross of points.
    const cross = fromRows([
      [-2, 0],
      [2, 0],
      [0, -2],
      [0, 2],
      [0, 0],
      [-1, 0],
      [1, 0],
    ]);
    expectSameAsLloyd(cross, fromRows([[-2, 0], [2, 0]]));
    expectSameAsLloyd(cross, fromRows([[2, 0], [-2, 0], [0, 2]]));
  });
});

/** Greedy k-means++ scored one candidate at a time, as first written: the batched one must pick the same rows. */
function greedyOneByOne(X: Matrix, k: number, seed: number): Float64Array {
  const { rows: n, cols: d, data } = X;
  const rng = createRng(seed);
  const dist = (i: number, c: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) s += (data[i * d + t]! - data[c * d + t]!) ** 2;
    return s;
  };
  const sample = (weights: Float64Array, total: number): number => {
    if (!(total > 0)) return rng.int(n);
    let target = rng.next() * total;
    for (let i = 0; i < n; i++) {
      target -= weights[i]!;
      if (target < 0) return i;
    }
    for (let i = n - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return n - 1;
  };
  const chosen = [rng.int(n)];
  const closest = Float64Array.from({ length: n }, (_, i) => dist(i, chosen[0]!));
  let potential = closest.reduce((a, b) => a + b, 0);
  const trials = 2 + Math.floor(Math.log(k));
  for (let c = 1; c < k; c++) {
    let best = -1;
    let bestPot = Infinity;
    let bestDist = closest;
    for (let t = 0; t < trials; t++) {
      const candidate = sample(closest, potential);
      const next = Float64Array.from(closest, (v, i) => Math.min(v, dist(i, candidate)));
      let pot = 0;
      for (let i = 0; i < n; i++) pot += next[i]!;
      if (pot < bestPot) {
        bestPot = pot;
        best = candidate;
        bestDist = next;
      }
    }
    chosen.push(best);
    closest.set(bestDist);
    potential = bestPot;
  }
  return selectRows(X, chosen).data;
}

describe("k-means++ scoring its candidates four at a time", () => {
  it("picks the same centres as scoring them one by one", () => {
    const cases = [
      [gaussianBlobs(500, 3, 4, 1, 11), [1, 2, 8]],
      [gaussianBlobs(800, 5, 8, 0.5, 12), [20, 100]],
      [gaussianBlobs(60, 2, 3, 1, 13), [60]],
      [fromRows(Array.from({ length: 90 }, (_, i) => [i % 3, 0])), [3, 5, 90]],
    ] as const;
    for (const [X, ks] of cases) {
      for (const k of ks) {
        for (const seed of [1, 2]) expect(Array.from(kmeansPlusPlus(X, k, createRng(seed)).data)).toEqual(Array.from(greedyOneByOne(X, k, seed)));
      }
    }
  });
});

describe("k-means++ on large inputs (parts, two threads)", () => {
  it("picks the same centres with and without the worker thread", () => {
    const X = gaussianBlobs(120_000, 6, 8, 1.5, 14);
    const threaded = kmeansPlusPlus(X, 8, createRng(15), true);
    const single = kmeansPlusPlus(X, 8, createRng(15), false);
    expect(Array.from(threaded.data)).toEqual(Array.from(single.data));
  });
});
