import type { Matrix } from "./matrix";

export interface Merge {
  /** Cluster ids in scipy's convention: 0..n-1 are the input points, n+i is the cluster made by merge i. */
  readonly left: number;
  readonly right: number;
  readonly distance: number;
  /** Number of input points in the merged cluster. */
  readonly size: number;
  /** Total weight of the merged cluster (equals size when no weights are given). */
  readonly weight: number;
}

export interface Dendrogram {
  readonly n: number;
  /** n-1 merges in non-decreasing distance order. */
  readonly merges: Merge[];
}

/**
 * Ward-linkage agglomerative clustering with the nearest-neighbour-chain algorithm: O(n²) distance
 * evaluations and O(n·d) memory (no condensed distance matrix), so a few thousand points are cheap.
 * Ward is reducible, which is what makes the chain exact. Optional weights let the input be k-means
 * centroids standing for their cluster sizes. Distances follow scipy: for two single points of
 * weight 1 it is their Euclidean distance; in general sqrt(2·wa·wb/(wa+wb))·|ca−cb|.
 */
export function wardLinkage(X: Matrix, weights?: Float64Array): Dendrogram {
  const { rows: n, cols: d } = X;
  if (n < 1) throw new Error("ward needs at least one point");
  const centre = Float64Array.from(X.data);
  const weight = weights ? Float64Array.from(weights) : new Float64Array(n).fill(1);
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const raw: { a: number; b: number; distance: number }[] = [];
  const chain: number[] = [];
  const wardSq = (a: number, b: number): number => {
    let s = 0;
    for (let t = 0; t < d; t++) {
      const diff = centre[a * d + t]! - centre[b * d + t]!;
      s += diff * diff;
    }
    const wa = weight[a]!;
    const wb = weight[b]!;
    return ((2 * wa * wb) / (wa + wb)) * s;
  };
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    const a = chain[chain.length - 1]!;
    const prev = chain.length > 1 ? chain[chain.length - 2]! : -1;
    // Start from the previous chain element so ties resolve towards it; otherwise the chain can cycle.
    let best = prev;
    let bestDist = prev >= 0 ? wardSq(a, prev) : Infinity;
    for (let o = 0; o < n; o++) {
      if (!active[o] || o === a) continue;
      const dist = wardSq(a, o);
      if (dist < bestDist) {
        bestDist = dist;
        best = o;
      }
    }
    if (best !== prev) {
      chain.push(best);
      continue;
    }
    chain.length -= 2;
    // The merged cluster lives in slot `prev`; slot `a` retires.
    const wa = weight[a]!;
    const wb = weight[prev]!;
    for (let t = 0; t < d; t++) {
      centre[prev * d + t] = (wa * centre[a * d + t]! + wb * centre[prev * d + t]!) / (wa + wb);
    }
    weight[prev] = wa + wb;
    size[prev] = size[a]! + size[prev]!;
    active[a] = 0;
    remaining--;
    raw.push({ a, b: prev, distance: Math.sqrt(bestDist) });
  }
  return { n, merges: relabel(n, raw, weights) };
}

/** Sorts chain-order merges by height and renames them with scipy's cluster ids. */
function relabel(n: number, raw: { a: number; b: number; distance: number }[], weights?: Float64Array): Merge[] {
  const order = raw.map((_, i) => i).sort((x, y) => raw[x]!.distance - raw[y]!.distance || x - y);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const clusterId = Int32Array.from({ length: n }, (_, i) => i);
  const sizeOf = new Float64Array(n).fill(1);
  const weightOf = weights ? Float64Array.from(weights) : new Float64Array(n).fill(1);
  return order.map((r, i) => {
    const ra = find(raw[r]!.a);
    const rb = find(raw[r]!.b);
    const [left, right] = [clusterId[ra]!, clusterId[rb]!].sort((x, y) => x - y) as [number, number];
    parent[ra] = rb;
    sizeOf[rb] = sizeOf[rb]! + sizeOf[ra]!;
    weightOf[rb] = weightOf[rb]! + weightOf[ra]!;
    clusterId[rb] = n + i;
    return { left, right, distance: raw[r]!.distance, size: sizeOf[rb]!, weight: weightOf[rb]! };
  });
}

/** scipy-style linkage matrix: (n-1) × 4 rows of [left, right, distance, size]. */
export function linkageMatrix(dendrogram: Dendrogram): Matrix {
  const m = dendrogram.merges.length;
  const data = new Float64Array(m * 4);
  dendrogram.merges.forEach((g, i) => data.set([g.left, g.right, g.distance, g.size], i * 4));
  return { rows: m, cols: 4, data };
}

/** Flat labels 0..k-1 (numbered by first appearance) from applying the first n-k merges. */
export function cutTree(dendrogram: Dendrogram, k: number): Int32Array {
  const { n, merges } = dendrogram;
  if (k < 1 || k > n) throw new Error(`k must be in [1, ${n}]`);
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x]!;
    return x;
  };
  for (let i = 0; i < n - k; i++) {
    parent[merges[i]!.left] = n + i;
    parent[merges[i]!.right] = n + i;
  }
  const labels = new Int32Array(n);
  const names = new Map<number, number>();
  for (let p = 0; p < n; p++) {
    const root = find(p);
    if (!names.has(root)) names.set(root, names.size);
    labels[p] = names.get(root)!;
  }
  return labels;
}
