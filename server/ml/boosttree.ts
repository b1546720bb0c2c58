import type { BinnedFeatures } from "./binning";
import { fillHistogram } from "./boost-histogram";
import { boostHistogramKernel } from "./boost-kernel";
import { createPartPool, newBuffer } from "./parallel";
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

/** With shared = true, rows and the row-major codes live on shared memory for the threaded builder. */
export function createBoostWorkspace(binned: BinnedFeatures, shared = false): BoostWorkspace {
  const { rows: n, cols: d, codes } = binned;
  const rowCodes = new Uint8Array(newBuffer(n * d, shared));
  if (binned.rowCodes) rowCodes.set(binned.rowCodes);
  else for (let f = 0; f < d; f++) for (let i = 0; i < n; i++) rowCodes[i * d + f] = codes[f * n + i]!;
  let maxCode = 0;
  for (let k = 0; k < codes.length; k++) if (codes[k]! > maxCode) maxCode = codes[k]!;
  const stride = maxCode + 1;
  const rows = new Int32Array(newBuffer(n * 4, shared));
  return { binned, rowCodes, stride, rows, scratch: new Int32Array(n), histSize: d * stride * 3, free: [] };
}

/** One-thread histogram pass over rows[start, end). */
export function histogramBuilder(ws: BoostWorkspace, grad: Float64Array, hess: Float64Array): HistogramBuilder {
  const { rowCodes, stride, rows } = ws;
  const d = ws.binned.cols;
  return (hist, start, end) => fillHistogram(hist, rows, rowCodes, grad, hess, d, stride * 3, start, end);
}

/** Below this many rows a node's histogram is built on the calling thread alone: waking the worker costs more. */
const THREADED_NODE_ROWS = 8192;
/** Parts per threaded node, claimed by whichever thread is free (see boost-kernel.ts). */
const NODE_PARTS = 4;

/**
 * Builds large nodes' histograms in parts on the calling thread and one worker thread sharing its
 * memory (parallel.ts part pool), then adds the parts' histograms in order. grad, hess and the
 * workspace must be on shared memory. Close the builder when boosting ends.
 */
export function threadedHistogramBuilder(ws: BoostWorkspace, grad: Float64Array, hess: Float64Array): HistogramBuilder & { close(): void } {
  const { rowCodes, stride, rows, histSize } = ws;
  const d = ws.binned.cols;
  const meta = new Int32Array(newBuffer(5 * 4, true));
  meta[2] = d;
  meta[3] = stride * 3;
  meta[4] = NODE_PARTS;
  const slots = new Float64Array(newBuffer(NODE_PARTS * histSize * 8, true));
  const buffers = { meta: meta.buffer, rows: rows.buffer, rowCodes: rowCodes.buffer, grad: grad.buffer, hess: hess.buffer, slots: slots.buffer };
  const pool = createPartPool(boostHistogramKernel, buffers, NODE_PARTS, NODE_PARTS, true, { fillHistogram });
  const build = (hist: Float64Array, start: number, end: number): void => {
    if (end - start < THREADED_NODE_ROWS) {
      fillHistogram(hist, rows, rowCodes, grad, hess, d, stride * 3, start, end);
      return;
    }
    meta[0] = start;
    meta[1] = end;
    pool.run(0);
    hist.set(slots.subarray(0, histSize));
    for (let p = 1; p < NODE_PARTS; p++) {
      const o = p * histSize;
      for (let k = 0; k < histSize; k++) hist[k]! += slots[o + k]!;
    }
  };
  return Object.assign(build, { close: () => pool.close() });
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

  const leaf = (sh: number, sg: number): number => {
    nodes.feature.push(-1);
    nodes.threshold.push(0);
    nodes.left.push(-1);
    nodes.right.push(-1);
    nodes.value.push(-sg / (sh + l2));
    return nodes.value.length - 1;
  };

  const build = (start: number, end: number, depth: number, sh: number, sg: number, hist: Float64Array | null): number => {
    const id = leaf(sh, sg);
    const count = end - start;
    let bestGain = 1e-12;
    let bestFeature = -1;
    let bestBin = -1;
    let bestH = 0;
    let bestG = 0;
    let bestCount = 0;
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
            bestCount = lc;
          }
        }
      }
    }
    if (bestFeature < 0) {
      release(hist);
      for (let t = start; t < end; t++) leafOf[rows[t]!] = id;
      return id;
    }

    const base = bestFeature * n;
    gain[bestFeature]! += bestGain;
    nodes.feature[id] = bestFeature;
    nodes.threshold[id] = edges[bestFeature]![bestBin]!;
    const leftH = bestH;
    const leftG = bestG;
    const rightH = sh - bestH;
    const rightG = sg - bestG;
    if (!splittable(depth + 1, bestCount) && !splittable(depth + 1, count - bestCount)) {
      // Both children are leaves: label the rows directly, no partition needed.
      const leftId = leaf(leftH, leftG);
      const rightId = leaf(rightH, rightG);
      nodes.left[id] = leftId;
      nodes.right[id] = rightId;
      release(hist);
      for (let t = start; t < end; t++) {
        const r = rows[t]!;
        // 1 when the row goes right; arithmetic rather than a branch the CPU would mispredict.
        leafOf[r] = leftId + ((bestBin - codes[base + r]!) >>> 31);
      }
      return id;
    }
    // Stable partition: left rows keep their order in place, right rows go through scratch.
    // Every row is written to both places and only the right cursor advances (branch-free).
    let mid = start;
    let s = 0;
    for (let t = start; t < end; t++) {
      const r = rows[t]!;
      const right = (bestBin - codes[base + r]!) >>> 31;
      rows[mid] = r;
      scratch[s] = r;
      mid += 1 - right;
      s += right;
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

    nodes.left[id] = build(start, mid, depth + 1, leftH, leftG, leftHist);
    nodes.right[id] = build(mid, end, depth + 1, rightH, rightG, rightHist);
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
