import { type Matrix, zeros } from "./matrix";

/**
 * Upper-tail winsorising of a feature matrix: each column's values above its P-th percentile
 * are replaced by that percentile. The caps are learned once, on the training rows, and stored
 * with the model so scoring clips new rows at exactly the same values. Missing (NaN) cells are
 * ignored when learning and stay NaN when applied.
 */
export interface OutlierCaps {
  /** The percentile the caps were taken at, in 0..100. */
  readonly percentile: number;
  /** One cap per column; null leaves the column as it is. */
  readonly upper: Array<number | null>;
}

/** Linear-interpolation percentile (the "type 7" default of R and numpy, and SQL percentile_cont) of sorted values; p in 0..1. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (position - low);
}

/**
 * Learns the cap of every column marked in `cappable` at the `percentile`-th percentile of its
 * non-missing values. A column gets no cap (null) when it has no values or when the cap would
 * not exceed its minimum: clipping there would turn it into a constant (a sparse count that is
 * zero for more than P % of rows, say), which destroys the feature instead of taming its tail.
 */
export function fitCaps(X: Matrix, percentile: number, cappable: readonly boolean[]): OutlierCaps {
  if (!(percentile > 0 && percentile < 100)) throw new RangeError(`cap percentile must be in (0, 100), got ${percentile}`);
  if (cappable.length !== X.cols) throw new RangeError(`expected ${X.cols} cappable flags, got ${cappable.length}`);
  const { rows, cols, data } = X;
  const upper: Array<number | null> = [];
  const column = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    if (!cappable[j]) {
      upper.push(null);
      continue;
    }
    let n = 0;
    for (let i = 0; i < rows; i++) {
      const v = data[i * cols + j]!;
      if (Number.isFinite(v)) column[n++] = v;
    }
    if (n === 0) {
      upper.push(null);
      continue;
    }
    const sorted = column.subarray(0, n).sort();
    const cap = percentileOfSorted(sorted, percentile / 100);
    upper.push(cap > sorted[0]! ? cap : null);
  }
  return { percentile, upper };
}

/** Clips each column at its cap; returns the clipped copy and how many cells each column had clipped. */
export function applyCaps(caps: OutlierCaps, X: Matrix): { X: Matrix; capped: number[] } {
  const { rows, cols, data } = X;
  if (caps.upper.length !== cols) throw new RangeError(`expected ${caps.upper.length} columns, got ${cols}`);
  const out = zeros(rows, cols);
  out.data.set(data);
  const capped = Array.from({ length: cols }, () => 0);
  for (let j = 0; j < cols; j++) {
    const cap = caps.upper[j];
    if (cap === null || cap === undefined) continue;
    for (let i = 0; i < rows; i++) {
      const k = i * cols + j;
      if (out.data[k]! > cap) {
        out.data[k] = cap;
        capped[j]!++;
      }
    }
  }
  return { X: out, capped };
}
