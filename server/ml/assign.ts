import { type Matrix, sqDistRows } from "./matrix";

export interface Assignment {
  readonly labels: Int32Array;
  /** Sum of squared distances of each point to its nearest centre. */
  readonly inertia: number;
}

/** Brute-force nearest centre for every row: the exact reference the faster paths must agree with. */
export function assignNearest(X: Matrix, centres: Matrix): Assignment {
  const { rows: n, cols: d, data } = X;
  const k = centres.rows;
  const labels = new Int32Array(n);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    let bestJ = 0;
    for (let j = 0; j < k; j++) {
      const dist = sqDistRows(data, i, centres.data, j, d);
      if (dist < best) {
        best = dist;
        bestJ = j;
      }
    }
    labels[i] = bestJ;
    inertia += best;
  }
  return { labels, inertia };
}
