import { binFeatures } from "./binning";
import { type Classifier, type ClassWeight, type Labels, rowWeights } from "./classifier";
import { growTree } from "./histtree";
import type { Matrix } from "./matrix";
import { type TreeNodes, leafValue } from "./treenodes";

export interface TreeOptions {
  readonly criterion?: "gini" | "entropy";
  readonly maxDepth?: number;
  readonly minSamplesLeaf?: number;
  /** Candidate thresholds per feature; exact CART when a feature has fewer distinct values. */
  readonly maxBins?: number;
  readonly classWeight?: ClassWeight;
}

export interface TreeModel {
  readonly kind: "tree";
  readonly tree: TreeNodes;
  /** Gain-based importance, normalised to sum to 1. */
  readonly importance: number[];
}

/** Scales gains to sum to one, so importances from different models are comparable. */
export function normaliseImportance(gain: Float64Array): number[] {
  let total = 0;
  for (const g of gain) total += g;
  return Array.from(gain, (g) => (total > 0 ? g / total : 0));
}

/** Row weights and weight × y: the two histogram channels of a classification tree. */
export function classChannels(y: Labels, classWeight?: ClassWeight): { a: Float64Array; b: Float64Array } {
  const a = rowWeights(y, classWeight);
  const b = Float64Array.from(a, (w, i) => w * y[i]!);
  return { a, b };
}

export function fitTree(X: Matrix, y: Labels, options: TreeOptions = {}): TreeModel {
  const binned = binFeatures(X, options.maxBins ?? 254);
  const { a, b } = classChannels(y, options.classWeight);
  const rows = Int32Array.from({ length: X.rows }, (_, i) => i);
  const grown = growTree(binned, rows, a, b, {
    criterion: options.criterion ?? "gini",
    maxDepth: options.maxDepth ?? 6,
    minSamplesLeaf: options.minSamplesLeaf ?? 1,
    maxFeatures: X.cols,
  });
  return { kind: "tree", tree: grown.nodes, importance: normaliseImportance(grown.gain) };
}

export function predictTree(model: TreeModel, X: Matrix): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) out[i] = leafValue(model.tree, X.data, i * X.cols);
  return out;
}

export const decisionTree: Classifier<TreeModel, TreeOptions> = { fit: fitTree, predictProba: predictTree };
