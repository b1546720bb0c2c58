import { type Matrix, sqDistRows, zeros } from "./matrix";
import { kmeansPlusPlus } from "./kmeanspp";
import { childSeed, createRng } from "./random";

export interface KMeansOptions {
  readonly k: number;
  readonly seed?: number;
  /** Independent k-means++ starts; the lowest inertia wins. Ignored when initialCentres is given. */
  readonly restarts?: number;
  readonly maxIter?: number;
  /** Stop when the summed squared centre shift is below tol × mean feature variance (scikit-learn's rule). */
  readonly tol?: number;
  /** Fixed starting centres (k × d), e.g. the same ones a reference implementation used. */
  readonly initialCentres?: Matrix;
}

export interface KMeansResult {
  readonly centroids: Matrix;
  readonly labels: Int32Array;
  readonly inertia: number;
  readonly iterations: number;
}

export function kmeans(X: Matrix, options: KMeansOptions): KMeansResult {
  const { k, maxIter = 300, tol = 1e-4 } = options;
  if (X.rows < k) throw new Error(`k-means needs at least k=${k} rows, got ${X.rows}`);
  const tolAbs = tol * meanVariance(X);
  if (options.initialCentres) {
    if (options.initialCentres.rows !== k || options.initialCentres.cols !== X.cols) {
      throw new Error("initialCentres must be k × d");
    }
    return lloydHamerly(X, options.initialCentres, maxIter, tolAbs);
  }
  const rng = createRng(options.seed ?? 0);
  let best: KMeansResult | null = null;
  for (let r = 0; r < Math.max(1, options.restarts ?? 4); r++) {
    // Restart r always uses the r-th child seed, so more restarts can only lower the best inertia.
    const start = kmeansPlusPlus(X, k, createRng(childSeed(rng)));
    const result = lloydHamerly(X, start, maxIter, tolAbs);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best!;
}

function meanVariance(X: Matrix): number {
  const { rows: n, cols: d, data } = X;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + j]!;
      s += v;
      s2 += v * v;
    }
    const mean = s / n;
    total += Math.max(0, s2 / n - mean * mean);
  }
  return d > 0 ? total / d : 0;
}

/**
 * Lloyd iterations with Hamerly's bounds: an upper bound on the distance to the own centre and one
 * lower bound on the distance to every other centre let most points skip the k distance
 * computations once the centres settle. Labels are identical to plain Lloyd.
 */
function lloydHamerly(X: Matrix, init: Matrix, maxIter: number, tolAbs: number): KMeansResult {
  const { rows: n, cols: d, data } = X;
  const k = init.rows;
  const C = Float64Array.from(init.data);
  const labels = new Int32Array(n);
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const half = new Float64Array(k);
  const moved = new Float64Array(k);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);

  const fullAssign = (i: number): void => {
    let b1 = Infinity;
    let b2 = Infinity;
    let j1 = 0;
    for (let j = 0; j < k; j++) {
      const dist = sqDistRows(data, i, C, j, d);
      if (dist < b1) {
        b2 = b1;
        b1 = dist;
        j1 = j;
      } else if (dist < b2) b2 = dist;
    }
    labels[i] = j1;
    upper[i] = Math.sqrt(b1);
    lower[i] = Math.sqrt(b2);
  };

  const boundedAssign = (): void => {
    for (let j = 0; j < k; j++) {
      let m = Infinity;
      for (let o = 0; o < k; o++) if (o !== j) m = Math.min(m, sqDistRows(C, j, C, o, d));
      half[j] = 0.5 * Math.sqrt(m);
    }
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      const m = Math.max(half[a]!, lower[i]!);
      if (upper[i]! <= m) continue;
      upper[i] = Math.sqrt(sqDistRows(data, i, C, a, d));
      if (upper[i]! <= m) continue;
      fullAssign(i);
    }
  };

  for (let i = 0; i < n; i++) fullAssign(i);
  let iterations = 0;
  while (iterations < maxIter) {
    iterations++;
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      counts[a]!++;
      const so = a * d;
      const xo = i * d;
      for (let t = 0; t < d; t++) sums[so + t]! += data[xo + t]!;
    }
    let shift = 0;
    let maxMove = 0;
    let maxMoveJ = -1;
    let secondMove = 0;
    for (let j = 0; j < k; j++) {
      // An empty cluster keeps its centre: it cannot move, so every bound stays valid.
      let moveSq = 0;
      if (counts[j]! > 0) {
        for (let t = 0; t < d; t++) {
          const next = sums[j * d + t]! / counts[j]!;
          const delta = next - C[j * d + t]!;
          moveSq += delta * delta;
          C[j * d + t] = next;
        }
      }
      const move = Math.sqrt(moveSq);
      moved[j] = move;
      shift += moveSq;
      if (move > maxMove) {
        secondMove = maxMove;
        maxMove = move;
        maxMoveJ = j;
      } else if (move > secondMove) secondMove = move;
    }
    for (let i = 0; i < n; i++) {
      const a = labels[i]!;
      upper[i]! += moved[a]!;
      lower[i]! -= a === maxMoveJ ? secondMove : maxMove;
    }
    if (shift <= tolAbs) break;
    boundedAssign();
  }
  // The last centre update may have left a few points closer to another centre.
  boundedAssign();
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += sqDistRows(data, i, C, labels[i]!, d);
  const centroids = zeros(k, d);
  centroids.data.set(C);
  return { centroids, labels, inertia, iterations };
}
