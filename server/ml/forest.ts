import { binFeatures } from "./binning";
import type { Classifier, ClassWeight, Labels } from "./classifier";
import { forestKernel, type GrownForestTree } from "./forest-kernel";
import { growTree } from "./histtree";
import type { Matrix } from "./matrix";
import { bufferOf, createPartPool, newBuffer } from "./parallel";
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
  /** Grow trees on two threads when the input is large enough to pay for them (default true). */
  readonly threads?: boolean;
}

/** Below this many rows × trees, starting a worker thread costs more than it saves. */
const PARALLEL_WORK = 200_000;

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
  // Tree t always grows from the t-th child seed, whichever thread grows it, so the forest is
  // the same with or without threads.
  const seeds = Float64Array.from({ length: nTrees }, () => childSeed(rng));
  const shared = (options.threads ?? true) && n * nTrees >= PARALLEL_WORK && nTrees >= 2;
  const edgeStart = new Float64Array(X.cols + 1);
  binned.edges.forEach((e, f) => (edgeStart[f + 1] = edgeStart[f]! + e.length));
  const edgeFlat = new Float64Array(edgeStart[X.cols]!);
  binned.edges.forEach((e, f) => edgeFlat.set(e, edgeStart[f]!));
  const codes = newBuffer(binned.codes.byteLength, shared);
  new Uint8Array(codes).set(binned.codes);
  const buffers = {
    meta: bufferOf(Float64Array.of(n, X.cols, maxDepth, minSamplesLeaf, maxFeatures), shared),
    codes,
    edges: bufferOf(edgeFlat, shared),
    edgeStart: bufferOf(edgeStart, shared),
    a: bufferOf(a, shared),
    b: bufferOf(b, shared),
    seeds: bufferOf(seeds, shared),
  };
  // One part per tree: whichever thread is free takes the next tree.
  const pool = createPartPool(forestKernel, buffers, nTrees, nTrees, shared, { growTree, createRng });
  let grown: GrownForestTree[];
  try {
    grown = pool.run(0) as GrownForestTree[];
  } finally {
    pool.close();
  }
  grown.sort((p, q) => p.tree - q.tree);
  const gain = new Float64Array(X.cols);
  const trees: TreeNodes[] = [];
  for (const g of grown) {
    trees.push(g.nodes);
    for (let f = 0; f < X.cols; f++) gain[f]! += g.gain[f]!;
  }
  return { kind: "forest", trees, importance: normaliseImportance(gain) };
}

export function predictForest(model: ForestModel, X: Matrix): Float64Array {
  const out = new Float64Array(X.rows);
  for (const tree of model.trees) accumulateTree(tree, X, out, 1 / model.trees.length);
  return out;
}

export const randomForest: Classifier<ForestModel, ForestOptions> = { fit: fitForest, predictProba: predictForest };
