import { describe, expect, it } from "vitest";
import { binFeatures } from "../../server/ml/binning";
import { createBoostWorkspace, growBoostTree } from "../../server/ml/boosttree";
import { fitGbt, predictGbt } from "../../server/ml/gbt";
import { growTree } from "../../server/ml/histtree";
import { type Matrix, zeros } from "../../server/ml/matrix";
import { createRng } from "../../server/ml/random";

/** Features with a non-linear signal, some ties (a 5-valued feature) and 3% missing values. */
function data(n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = createRng(seed);
  const d = 6;
  const X = zeros(n, d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) X.data[i * d + j] = j === 5 ? rng.int(5) : rng.normal();
    const x = (j: number): number => X.data[i * d + j]!;
    const z = x(0) * x(1) + Math.sin(2 * x(2)) + 0.5 * x(5) - 1;
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    for (let j = 0; j < d; j++) if (rng.next() < 0.03) X.data[i * d + j] = NaN;
  }
  return { X, y };
}

describe("boosting trees with histogram subtraction", () => {
  it("grow the same tree as the direct histogram grower (every node's histogram built from its rows)", () => {
    const { X, y } = data(6000, 3);
    const binned = binFeatures(X, 32);
    const n = X.rows;
    // Gradients of log-loss at uneven scores, so hessians differ row to row.
    const rng = createRng(8);
    const grad = new Float64Array(n);
    const hess = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-rng.normal()));
      grad[i] = p - y[i]!;
      hess[i] = p * (1 - p);
    }
    const options = { maxDepth: 5, minSamplesLeaf: 20, l2: 1 };
    const ws = createBoostWorkspace(binned);
    for (let i = 0; i < n; i++) ws.rows[i] = i;
    const leafOf = new Int32Array(n);
    const fast = growBoostTree(ws, grad, hess, options, leafOf);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const directLeafOf = new Int32Array(n);
    const direct = growTree(binned, rows, hess, grad, { criterion: "newton", maxFeatures: X.cols, ...options }, directLeafOf);

    expect(fast.nodes.feature.length).toBeGreaterThan(20);
    expect(fast.nodes.feature).toEqual(direct.nodes.feature);
    expect(fast.nodes.threshold).toEqual(direct.nodes.threshold);
    expect(fast.nodes.left).toEqual(direct.nodes.left);
    expect(fast.nodes.right).toEqual(direct.nodes.right);
    fast.nodes.value.forEach((v, k) => expect(v).toBeCloseTo(direct.nodes.value[k]!, 9));
    expect(Array.from(leafOf)).toEqual(Array.from(directLeafOf));
    for (let f = 0; f < X.cols; f++) expect(fast.gain[f]).toBeCloseTo(direct.gain[f]!, 6);
  });

  it("fitGbt gives the same model with the two-thread histogram builder as without", () => {
    const { X, y } = data(30_000, 5);
    const options = { nRounds: 12, maxDepth: 6, learningRate: 0.2 };
    const threaded = fitGbt(X, y, options);
    const single = fitGbt(X, y, { ...options, threads: false });
    expect(threaded.trees.map((t) => t.feature)).toEqual(single.trees.map((t) => t.feature));
    expect(threaded.trees.map((t) => t.threshold)).toEqual(single.trees.map((t) => t.threshold));
    const a = predictGbt(threaded, X);
    const b = predictGbt(single, X);
    let maxDiff = 0;
    for (let i = 0; i < X.rows; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i]! - b[i]!));
    expect(maxDiff).toBeLessThan(1e-9);
  });
});
