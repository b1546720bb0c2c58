import type { GrowOptions, GrownTree, growTree as GrowTree } from "./histtree";
import type { createRng as CreateRng } from "./random";
import type { TreeNodes } from "./treenodes";

export interface GrownForestTree {
  readonly tree: number;
  readonly nodes: TreeNodes;
  readonly gain: Float64Array;
}

/**
 * Grows forest trees [from, to) as a shippable kernel (see parallel.ts; self-contained, with
 * growTree and createRng handed in through lib). Buffers: meta f64 [n, d, maxDepth,
 * minSamplesLeaf, maxFeatures]; codes u8 column-major bin codes; edges f64 flat bin edges with
 * edgeStart f64 [d + 1] offsets; a, b f64 class channels; seeds f64 per tree. Each tree draws its
 * bootstrap sample and feature subsets from its own seed and is posted as a GrownForestTree.
 */
export function forestKernel(
  _task: number,
  buffers: Readonly<Record<string, ArrayBufferLike>>,
  from: number,
  to: number,
  _part: number,
  post: (message: unknown) => void,
  lib: Readonly<Record<string, (...args: never[]) => unknown>>,
): void {
  const growTree = lib.growTree as unknown as typeof GrowTree;
  const createRng = lib.createRng as unknown as typeof CreateRng;
  const meta = new Float64Array(buffers.meta!);
  const n = meta[0]!;
  const d = meta[1]!;
  const codes = new Uint8Array(buffers.codes!);
  const edgeFlat = new Float64Array(buffers.edges!);
  const edgeStart = new Float64Array(buffers.edgeStart!);
  const edges: Float64Array[] = [];
  for (let f = 0; f < d; f++) edges.push(edgeFlat.subarray(edgeStart[f]!, edgeStart[f + 1]!));
  const a = new Float64Array(buffers.a!);
  const b = new Float64Array(buffers.b!);
  const seeds = new Float64Array(buffers.seeds!);
  const rows = new Int32Array(n);
  for (let t = from; t < to; t++) {
    const rng = createRng(seeds[t]!);
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    const options: GrowOptions = { criterion: "gini", maxDepth: meta[2]!, minSamplesLeaf: meta[3]!, maxFeatures: meta[4]!, rng };
    const grown: GrownTree = growTree({ rows: n, cols: d, codes, edges }, rows, a, b, options);
    post({ tree: t, nodes: grown.nodes, gain: grown.gain } satisfies GrownForestTree);
  }
}
