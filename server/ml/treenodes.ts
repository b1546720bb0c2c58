import type { Matrix } from "./matrix";

/**
 * A fitted tree as parallel arrays (JSON-safe). Node 0 is the root; feature -1 marks a leaf.
 * A row goes left when x[feature] <= threshold; NaN fails the comparison and goes right, which is
 * exactly where training put missing values.
 */
export interface TreeNodes {
  readonly feature: number[];
  readonly threshold: number[];
  readonly left: number[];
  readonly right: number[];
  /** Leaf output: P(y=1) for classification trees, a raw score for boosting. */
  readonly value: number[];
}

export function leafValue(tree: TreeNodes, data: Float64Array, offset: number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node = data[offset + tree.feature[node]!]! <= tree.threshold[node]! ? tree.left[node]! : tree.right[node]!;
  }
  return tree.value[node]!;
}

/** Adds scale × tree output to out[i] for every row of X. */
export function accumulateTree(tree: TreeNodes, X: Matrix, out: Float64Array, scale = 1): void {
  for (let i = 0; i < X.rows; i++) out[i]! += scale * leafValue(tree, X.data, i * X.cols);
}
