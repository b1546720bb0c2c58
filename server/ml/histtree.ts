import type { BinnedFeatures } from "./binning";
import type { Rng } from "./random";
import type { TreeNodes } from "./treenodes";

/**
 * gini / entropy: channel a is the row weight, b the weight times y (classification).
 * newton: a is the hessian, b the gradient of the loss (gradient boosting, XGBoost-style gain).
 */
export type SplitCriterion = "gini" | "entropy" | "newton";

export interface GrowOptions {
  readonly criterion: SplitCriterion;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  /** Features examined per node; fewer than all (with rng) gives random-forest decorrelation. */
  readonly maxFeatures: number;
  /** L2 on leaf values, newton only. */
  readonly l2?: number;
  readonly rng?: Rng;
}

export interface GrownTree {
  readonly nodes: TreeNodes;
  /** Total impurity decrease (gain) credited to each feature. */
  readonly gain: Float64Array;
}

/**
 * Grows a tree depth-first on binned features. rows lists the training rows (repeats allowed,
 * for bootstrap samples) and is partitioned in place; leafOf, when given, receives the leaf id of
 * every row so boosting can update its scores without re-traversing the tree.
 *
 * Self-contained (no module-level helpers, only type imports): the forest ships its source text
 * to worker threads (see parallel.ts), so everything it calls is defined inside it.
 */
export function growTree(
  binned: BinnedFeatures,
  rows: Int32Array,
  a: Float64Array,
  b: Float64Array,
  options: GrowOptions,
  leafOf?: Int32Array,
): GrownTree {
  const cost = (criterion: SplitCriterion, a: number, b: number, l2: number): number => {
    if (criterion === "newton") return (-0.5 * b * b) / (a + l2);
    if (a <= 0) return 0;
    const p = Math.min(1, Math.max(0, b / a));
    if (criterion === "gini") return 2 * a * p * (1 - p);
    const h = (q: number): number => (q > 0 ? -q * Math.log2(q) : 0);
    return a * (h(p) + h(1 - p));
  };
  const leafOutput = (criterion: SplitCriterion, a: number, b: number, l2: number): number => {
    if (criterion === "newton") return -b / (a + l2);
    return a > 0 ? b / a : 0;
  };
  const { rows: n, cols: d, codes, edges } = binned;
  const { criterion, maxDepth, minSamplesLeaf } = options;
  const l2 = options.l2 ?? 0;
  const nodes: TreeNodes = { feature: [], threshold: [], left: [], right: [], value: [] };
  const gain = new Float64Array(d);
  const hist = new Float64Array(256 * 3);
  // With every feature examined at every node (boosting, single trees) and row-major codes at
  // hand, one pass over a node's rows fills all feature histograms: a[r] and b[r] are read once
  // per row instead of once per feature. Same row order per bin, so the same sums and tree.
  const rowCodes = binned.rowCodes;
  const allAtOnce = rowCodes !== undefined && options.maxFeatures >= d;
  const histAll = allAtOnce ? new Float64Array(d * 256 * 3) : hist;
  const featureOrder = Int32Array.from({ length: d }, (_, i) => i);
  const maxFeatures = Math.max(1, Math.min(d, options.maxFeatures));

  const build = (start: number, end: number, depth: number): number => {
    let sa = 0;
    let sb = 0;
    for (let t = start; t < end; t++) {
      sa += a[rows[t]!]!;
      sb += b[rows[t]!]!;
    }
    const id = nodes.feature.length;
    nodes.feature.push(-1);
    nodes.threshold.push(0);
    nodes.left.push(-1);
    nodes.right.push(-1);
    nodes.value.push(leafOutput(criterion, sa, sb, l2));
    const count = end - start;
    const parentCost = cost(criterion, sa, sb, l2);
    const makeLeaf = (): number => {
      if (leafOf) for (let t = start; t < end; t++) leafOf[rows[t]!] = id;
      return id;
    };
    if (depth >= maxDepth || count < 2 * minSamplesLeaf || (criterion !== "newton" && (sb <= 0 || sb >= sa))) return makeLeaf();

    if (maxFeatures < d && options.rng) {
      // Partial Fisher-Yates: the first maxFeatures entries become a uniform random subset.
      for (let k = 0; k < maxFeatures; k++) {
        const j = k + options.rng.int(d - k);
        const tmp = featureOrder[k]!;
        featureOrder[k] = featureOrder[j]!;
        featureOrder[j] = tmp;
      }
    }
    let bestGain = 1e-12;
    let bestFeature = -1;
    let bestBin = -1;
    if (allAtOnce) {
      histAll.fill(0);
      for (let t = start; t < end; t++) {
        const r = rows[t]!;
        const ar = a[r]!;
        const br = b[r]!;
        const ro = r * d;
        for (let f = 0; f < d; f++) {
          const h = (f * 256 + rowCodes[ro + f]!) * 3;
          histAll[h]!++;
          histAll[h + 1]! += ar;
          histAll[h + 2]! += br;
        }
      }
    }
    for (let k = 0; k < maxFeatures; k++) {
      const f = featureOrder[k]!;
      const nEdges = edges[f]!.length;
      if (nEdges === 0) continue;
      let ho = 0;
      if (allAtOnce) ho = f * 256 * 3;
      else {
        hist.fill(0);
        const base = f * n;
        for (let t = start; t < end; t++) {
          const r = rows[t]!;
          const h = codes[base + r]! * 3;
          hist[h]!++;
          hist[h + 1]! += a[r]!;
          hist[h + 2]! += b[r]!;
        }
      }
      let lc = 0;
      let la = 0;
      let lb = 0;
      // Missing values sit in MISSING_BIN, never on the left, so only real bins are scanned.
      for (let bin = 0; bin < nEdges; bin++) {
        lc += histAll[ho + bin * 3]!;
        la += histAll[ho + bin * 3 + 1]!;
        lb += histAll[ho + bin * 3 + 2]!;
        if (lc < minSamplesLeaf) continue;
        if (count - lc < minSamplesLeaf) break;
        const g = parentCost - cost(criterion, la, lb, l2) - cost(criterion, sa - la, sb - lb, l2);
        if (g > bestGain) {
          bestGain = g;
          bestFeature = f;
          bestBin = bin;
        }
      }
    }
    if (bestFeature < 0) return makeLeaf();

    let i = start;
    let j = end - 1;
    const base = bestFeature * n;
    while (i <= j) {
      if (codes[base + rows[i]!]! <= bestBin) i++;
      else {
        const tmp = rows[i]!;
        rows[i] = rows[j]!;
        rows[j] = tmp;
        j--;
      }
    }
    gain[bestFeature]! += bestGain;
    nodes.feature[id] = bestFeature;
    nodes.threshold[id] = edges[bestFeature]![bestBin]!;
    nodes.left[id] = build(start, i, depth + 1);
    nodes.right[id] = build(i, end, depth + 1);
    return id;
  };
  build(0, rows.length, 0);
  return { nodes, gain };
}
