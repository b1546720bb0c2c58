import { binFeatures } from "./binning";
import type { Classifier, ClassWeight, Labels } from "./classifier";
import { growTree } from "./histtree";
import type { Matrix } from "./matrix";
import { childSeed, createRng } from "./random";
import { classChannels, normaliseImportance } from "./tree";
import { type TreeNodes, accumulateTree } from "./treenodes";

export interface ForestOptions {
  readonly nTrees?: number;
  readonly maxDepth?: number;
  readonly minSamplesLeaf?: number;
  /** Features tried per split; default √d as in Breiman's random forest for classification. */
  readonly maxFeatures?: number;
  readonly maxBins?: number;
  readonly classWeight?: ClassWeight;
  readonly seed?: number;
}

export interface ForestModel {
  readonly kind: "forest";
  readonly trees: TreeNodes[];
  readonly importance: number[];
}

/** Bagged CART trees with per-split feature subsampling; probabilities are averaged over trees. */
export function fitForest(X: Matrix, y: Labels, options: ForestOptions = {}): ForestModel {
  const { nTrees = 100, maxDepth = 12, minSamplesLeaf = 1 } = options;
  const n = X.rows;
  // Binning once and sharing it across trees is what makes the forest cheap.
  const binned = binFeatures(X, options.maxBins ?? 64);
  const { a, b } = classChannels(y, options.classWeight);
  const rng = createRng(options.seed ?? 0);
  const maxFeatures = options.maxFeatures ?? Math.max(1, Math.round(Math.sqrt(X.cols)));
  const gain = new Float64Array(X.cols);
  const trees: TreeNodes[] = [];
  const rows = new Int32Array(n);
  for (let t = 0; t < nTrees; t++) {
    const treeRng = createRng(childSeed(rng));
    for (let i = 0; i < n; i++) rows[i] = treeRng.int(n);
    const grown = growTree(binned, rows, a, b, { criterion: "gini", maxDepth, minSamplesLeaf, maxFeatures, rng: treeRng });
    trees.push(grown.nodes);
    for (let f = 0; f < X.cols; f++) gain[f]! += grown.gain[f]!;
  }
  return { kind: "forest", trees, importance: normaliseImportance(gain) };
}

export function predictForest(model: ForestModel, X: Matrix): Float64Array {
  const out = new Float64Array(X.rows);
  for (const tree of model.trees) accumulateTree(tree, X, out, 1 / model.trees.length);
  return out;
}

export const randomForest: Classifier<ForestModel, ForestOptions> = { fit: fitForest, predictProba: predictForest };
