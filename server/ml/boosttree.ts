import type { BinnedFeatures } from "./binning";
import type { GrownTree } from "./histtree";
import type { TreeNodes } from "./treenodes";

export interface BoostTreeOptions {
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** L2 penalty on leaf values (XGBoost's lambda, scikit-learn's l2_regularization). */
  readonly l2: number;
}

/**
 * Builds the gradient histogram of rows[start, end) into hist (already zeroed): per feature f and
 * bin c, hist[(f * stride + c) * 3 + 0..2] = count, sum of hessians, sum of gradients.
 */
export type HistogramBuilder = (hist: Float64Array, start: number, end: number) => void;

/**
 * Buffers reused by every tree of one boosting run on the same binned data: nothing is allocated
 * per node. rows holds the training rows and is partitioned in place (stably, so every node's rows
 * stay in ascending order and the row-major code reads stay close to sequential).
 */
export interface BoostWorkspace {
  readonly binned: BinnedFeatures;
  /** Row-major codes (rowCodes[i * cols + f]): one histogram pass reads a row's 16 codes at once. */
  readonly rowCodes: Uint8Array;
  /** Bins per feature in a histogram: the largest code present plus one (256 when NaN occurs). */
  readonly stride: number;
  readonly rows: Int32Array;
  readonly scratch: Int32Array;
  readonly histSize: number;
  readonly free: Float64Array[];
}

export function createBoostWorkspace(binned: BinnedFeatures, rows?: Int32Array): BoostWorkspace {
  const { rows: n, cols: d, codes } = binned;
  let rowCodes = binned.rowCodes;
  if (!rowCodes) {
    rowCodes = new Uint8Array(n * d);
    for (let f = 0; f < d; f++) for (let i = 0; i < n; i++) rowCodes[i * d + f] = codes[f * n + i]!;
  }
  let maxCode = 0;
  for (let k = 0; k < codes.length; k++) if (codes[k]! > maxCode) maxCode = codes[k]!;
  const stride = maxCode + 1;
  return { binned, rowCodes, stride, rows: rows ?? new Int32Array(n), scratch: new Int32Array(n), histSize: d * stride * 3, free: [] };
}

/** One-thread histogram pass over rows[start, end): reads each row's gradient, hessian and codes once. */
export function histogramBuilder(ws: BoostWorkspace, grad: Float64Array, hess: Float64Array): HistogramBuilder {
  const { rowCodes, stride, rows } = ws;
  const d = ws.binned.cols;
  const featureStride = stride * 3;
  return (hist, start, end) => {
    for (let t = start; t < end; t++) {
      const r = rows[t]!;
      const g = grad[r]!;
      const h = hess[r]!;
      const o = r * d;
      let base = 0;
      for (let f = 0; f < d; f++) {
        const k = base + rowCodes[o + f]! * 3;
        hist[k]! += 1;
        hist[k + 1]! += h;
        hist[k + 2]! += g;
        base += featureStride;
      }
    }
  };
}

/**
 * Grows one boosting tree (depth-first, Newton leaf values -G / (H + l2), gain
 * G_L²/(H_L+l2) + G_R²/(H_R+l2) - G²/(H+l2), halved) the way histogram boosting libraries do:
 * a histogram is built only for the smaller child of each split and the larger child's is the
 * parent's minus it, in the parent's buffer; children that cannot split (depth limit, too few
 * rows) get no histogram at all. Rows are ws.rows[0, n), set by the caller; leafOf receives each
 * row's leaf id.
 */
export function growBoostTree(
  ws: BoostWorkspace,
  grad: Float64Array,
  hess: Float64Array,
  options: BoostTreeOptions,
  leafOf: Int32Array,
  buildHistogram: HistogramBuilder = histogramBuilder(ws, grad, hess),
): GrownTree {
  const { binned, stride, rows, scratch, histSize, free } = ws;
  const { rows: n, cols: d, codes, edges } = binned;
  const { maxDepth, minSamplesLeaf, l2 } = options;
  const nodes: TreeNodes = { feature: [], threshold: [], left: [], right: [], value: [] };
  const gain = new Float64Array(d);
  const featureStride = stride * 3;
  const acquire = (): Float64Array => {
    const h = free.pop();
    if (!h) return new Float64Array(histSize);
    h.fill(0);
    return h;
  };
  const release = (h: Float64Array | null): void => {
    if (h) free.push(h);
  };
  const splittable = (depth: number, count: number): boolean => depth < maxDepth && count >= 2 * minSamplesLeaf;

  const build = (start: number, end: number, depth: number, sh: number, sg: number, hist: Float64Array | null): number => {
    const id = nodes.feature.length;
    nodes.feature.push(-1);
    nodes.threshold.push(0);
    nodes.left.push(-1);
    nodes.right.push(-1);
    nodes.value.push(-sg / (sh + l2));
    const count = end - start;
    let bestGain = 1e-12;
    let bestFeature = -1;
    let bestBin = -1;
    let bestH = 0;
    let bestG = 0;
    if (hist && splittable(depth, count)) {
      const parentScore = (sg * sg) / (sh + l2);
      for (let f = 0; f < d; f++) {
        const nEdges = edges[f]!.length;
        let k = f * featureStride;
        let lc = 0;
        let lh = 0;
        let lg = 0;
        // Missing values sit in MISSING_BIN, never on the left, so only real bins are scanned.
        for (let bin = 0; bin < nEdges; bin++, k += 3) {
          lc += hist[k]!;
          lh += hist[k + 1]!;
          lg += hist[k + 2]!;
          if (lc < minSamplesLeaf) continue;
          if (count - lc < minSamplesLeaf) break;
          const rg = sg - lg;
          const g = 0.5 * ((lg * lg) / (lh + l2) + (rg * rg) / (sh - lh + l2) - parentScore);
          if (g > bestGain) {
            bestGain = g;
            bestFeature = f;
            bestBin = bin;
            bestH = lh;
            bestG = lg;
          }
        }
      }
    }
    if (bestFeature < 0) {
      release(hist);
      for (let t = start; t < end; t++) leafOf[rows[t]!] = id;
      return id;
    }

    // Stable partition: left rows keep their order in place, right rows go through scratch.
    const base = bestFeature * n;
    let mid = start;
    let s = 0;
    for (let t = start; t < end; t++) {
      const r = rows[t]!;
      if (codes[base + r]! <= bestBin) rows[mid++] = r;
      else scratch[s++] = r;
    }
    rows.set(scratch.subarray(0, s), mid);

    const leftCount = mid - start;
    const rightCount = end - mid;
    const leftSplits = splittable(depth + 1, leftCount);
    const rightSplits = splittable(depth + 1, rightCount);
    let leftHist: Float64Array | null = null;
    let rightHist: Float64Array | null = null;
    if (leftSplits || rightSplits) {
      const leftSmaller = leftCount <= rightCount;
      const small = acquire();
      if (leftSmaller) buildHistogram(small, start, mid);
      else buildHistogram(small, mid, end);
      const largeSplits = leftSmaller ? rightSplits : leftSplits;
      let large: Float64Array | null = null;
      if (largeSplits) {
        // The parent's histogram becomes the larger child's.
        large = hist!;
        for (let k = 0; k < histSize; k++) large[k]! -= small[k]!;
      } else release(hist);
      const smallSplits = leftSmaller ? leftSplits : rightSplits;
      const smallKept = smallSplits ? small : null;
      if (!smallSplits) release(small);
      leftHist = leftSmaller ? smallKept : large;
      rightHist = leftSmaller ? large : smallKept;
    } else release(hist);

    gain[bestFeature]! += bestGain;
    nodes.feature[id] = bestFeature;
    nodes.threshold[id] = edges[bestFeature]![bestBin]!;
    nodes.left[id] = build(start, mid, depth + 1, bestH, bestG, leftHist);
    nodes.right[id] = build(mid, end, depth + 1, sh - bestH, sg - bestG, rightHist);
    return id;
  };

  let sh = 0;
  let sg = 0;
  for (let t = 0; t < n; t++) {
    sh += hess[rows[t]!]!;
    sg += grad[rows[t]!]!;
  }
  let rootHist: Float64Array | null = null;
  if (splittable(0, n)) {
    rootHist = acquire();
    buildHistogram(rootHist, 0, n);
  }
  build(0, n, 0, sh, sg, rootHist);
  return { nodes, gain };
}
