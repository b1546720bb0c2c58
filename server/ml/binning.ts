import type { Matrix } from "./matrix";

/** Reserved code for NaN: above every real bin, so "code <= split bin" sends missing values right. */
export const MISSING_BIN = 255;
const MAX_BINS = 254;

export interface BinnedFeatures {
  readonly rows: number;
  readonly cols: number;
  /** Column-major bin codes (codes[f * rows + i]) so a histogram pass over one feature is sequential. */
  readonly codes: Uint8Array;
  /** Per feature, ascending upper bin edges: code c holds x <= edges[c] (and > edges[c-1]). */
  readonly edges: Float64Array[];
  /** The same codes row-major (rowCodes[i * cols + f]), for passes that need every feature of a row. */
  readonly rowCodes?: Uint8Array;
}

/**
 * Quantises every feature into at most maxBins ordered bins. With few distinct values the edges
 * are midpoints between neighbours (exact CART splits); otherwise they are sample quantiles,
 * which is what histogram-based GBT libraries do to make split search O(bins) per feature.
 */
export function binFeatures(X: Matrix, maxBins = 64): BinnedFeatures {
  const { rows: n, cols: d, data } = X;
  const bins = Math.min(MAX_BINS, Math.max(2, maxBins));
  const codes = new Uint8Array(n * d);
  const edges: Float64Array[] = [];
  const rowCodes = new Uint8Array(n * d);
  const column = new Float64Array(n);
  for (let f = 0; f < d; f++) {
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = data[i * d + f]!;
      if (!Number.isNaN(v)) column[m++] = v;
    }
    const sorted = column.subarray(0, m).sort();
    // Only whether there are more distinct values than bins matters, so stop counting there.
    let nDistinct = 0;
    for (let i = 0; i < m && nDistinct <= bins; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) nDistinct++;
    let e: number[];
    if (nDistinct <= bins) {
      const distinct: number[] = [];
      for (let i = 0; i < m; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]!);
      e = distinct.slice(1).map((v, i) => (distinct[i]! + v) / 2);
    } else {
      e = [];
      const max = sorted[m - 1]!;
      for (let q = 1; q < bins; q++) {
        const v = sorted[Math.floor((q * m) / bins)]!;
        if (v < max && (e.length === 0 || v > e[e.length - 1]!)) e.push(v);
      }
    }
    const fe = Float64Array.from(e);
    edges.push(fe);
    for (let i = 0; i < n; i++) {
      const code = binOf(data[i * d + f]!, fe);
      codes[f * n + i] = code;
      rowCodes[i * d + f] = code;
    }
  }
  return { rows: n, cols: d, codes, edges, rowCodes };
}

function binOf(v: number, edges: Float64Array): number {
  if (Number.isNaN(v)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
