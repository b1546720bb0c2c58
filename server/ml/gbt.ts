import { binFeatures } from "./binning";
import { type Classifier, type ClassWeight, type Labels, rowWeights, sigmoid } from "./classifier";
import { createBoostWorkspace, growBoostTree, histogramBuilder, threadedHistogramBuilder } from "./boosttree";
import { newBuffer } from "./parallel";
import type { Matrix } from "./matrix";
import { normaliseImportance } from "./tree";
import { type TreeNodes, accumulateTree } from "./treenodes";

export interface GbtOptions {
  readonly nRounds?: number;
  readonly learningRate?: number;
  readonly maxDepth?: number;
  readonly minSamplesLeaf?: number;
  /** L2 penalty on leaf values (XGBoost's lambda). */
  readonly l2?: number;
  readonly maxBins?: number;
  readonly classWeight?: ClassWeight;
  /** Build large nodes' histograms on two threads when the input is large enough (default true). */
  readonly threads?: boolean;
}

/** Below this many rows, starting a worker thread costs more than it saves. */
const PARALLEL_ROWS = 20_000;

export interface GbtModel {
  readonly kind: "gbt";
  /** Log-odds every prediction starts from. */
  readonly baseScore: number;
  /** Leaf values already include the learning rate. */
  readonly trees: TreeNodes[];
  readonly importance: number[];
}

/**
 * Histogram gradient boosting for log-loss: each round fits a tree to the gradient and hessian
 * of the current scores (second-order / Newton leaf values) and adds it shrunk by the learning rate.
 */
export function fitGbt(X: Matrix, y: Labels, options: GbtOptions = {}): GbtModel {
  const { nRounds = 100, learningRate = 0.1, maxDepth = 3, minSamplesLeaf = 20, l2 = 1 } = options;
  const n = X.rows;
  const binned = binFeatures(X, options.maxBins ?? 64);
  const w = rowWeights(y, options.classWeight);
  let sw = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    swy += w[i]! * y[i]!;
  }
  const prior = Math.min(1 - 1e-12, Math.max(1e-12, swy / sw));
  const baseScore = Math.log(prior / (1 - prior));
  const score = new Float64Array(n).fill(baseScore);
  const shared = (options.threads ?? true) && n >= PARALLEL_ROWS;
  const grad = new Float64Array(newBuffer(n * 8, shared));
  const hess = new Float64Array(newBuffer(n * 8, shared));
  const leafOf = new Int32Array(n);
  const gain = new Float64Array(X.cols);
  const trees: TreeNodes[] = [];
  const workspace = createBoostWorkspace(binned, shared);
  const rows = workspace.rows;
  const threaded = shared ? threadedHistogramBuilder(workspace, grad, hess) : null;
  const buildHistogram = threaded ?? histogramBuilder(workspace, grad, hess);
  try {
    let lastValue: number[] = [];
    for (let round = 0; round < nRounds; round++) {
      for (let i = 0; i < n; i++) {
        // The previous tree's contribution is added here, in the same pass as the new gradients.
        const z = round === 0 ? score[i]! : (score[i]! += lastValue[leafOf[i]!]!);
        // 1 / (1 + e^-z) is exact enough at both ends (e^-z overflowing to Infinity gives 0).
        const p = 1 / (1 + Math.exp(-z));
        grad[i] = w[i]! * (p - y[i]!);
        // Floor the hessian so confident rows cannot produce huge Newton leaf values.
        hess[i] = w[i]! * Math.max(p * (1 - p), 1e-6);
        rows[i] = i;
      }
      const grown = growBoostTree(workspace, grad, hess, { maxDepth, minSamplesLeaf, l2 }, leafOf, buildHistogram);
      lastValue = grown.nodes.value.map((v) => v * learningRate);
      trees.push({ ...grown.nodes, value: lastValue });
      for (let f = 0; f < X.cols; f++) gain[f]! += grown.gain[f]!;
    }
  } finally {
    threaded?.close();
  }
  return { kind: "gbt", baseScore, trees, importance: normaliseImportance(gain) };
}

export function predictGbt(model: GbtModel, X: Matrix): Float64Array {
  const score = new Float64Array(X.rows).fill(model.baseScore);
  for (const tree of model.trees) accumulateTree(tree, X, score);
  return score.map(sigmoid);
}

export const gradientBoosting: Classifier<GbtModel, GbtOptions> = { fit: fitGbt, predictProba: predictGbt };
