import { beforeAll, describe, expect, it } from "vitest";
import { logistic } from "../../server/ml/logistic";
import { type Matrix, zeros } from "../../server/ml/matrix";
import { rocAuc } from "../../server/ml/metrics";
import { createMlp, predictMlp } from "../../server/ml/mlp";
import { createRng } from "../../server/ml/random";
import { type Tf, loadTf } from "../../server/ml/tfbackend";

/** XOR quadrants: y = 1 when x0 and x1 share a sign. Every linear score has AUC ≈ 0.5 here. */
function xor(n: number, seed: number): { X: Matrix; y: Int32Array } {
  const rng = createRng(seed);
  const X = zeros(n, 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = 2 * rng.next() - 1;
    const b = 2 * rng.next() - 1;
    X.data[2 * i] = a;
    X.data[2 * i + 1] = b;
    y[i] = a * b > 0 ? 1 : 0;
  }
  return { X, y };
}

describe("MLP (TensorFlow.js)", () => {
  let tf: Tf;
  beforeAll(async () => {
    tf = await loadTf();
  });

  it("runs on the WASM backend (or tfjs-node when installed)", () => {
    expect(["wasm", "tensorflow"]).toContain(tf.getBackend());
  });

  it("solves XOR, which logistic regression cannot, deterministically and JSON-safe", () => {
    const train = xor(800, 1);
    const test = xor(800, 2);
    const mlp = createMlp(tf);
    const options = { hidden: [16], epochs: 300, learningRate: 0.05, seed: 3 };
    const model = mlp.fit(train.X, train.y, options);
    const auc = rocAuc(test.y, mlp.predictProba(model, test.X));
    const linear = rocAuc(test.y, logistic.predictProba(logistic.fit(train.X, train.y, {}), test.X));
    expect(linear).toBeLessThan(0.65);
    expect(auc).toBeGreaterThanOrEqual(0.95);
    const again = mlp.fit(train.X, train.y, options);
    expect(again.layers).toEqual(model.layers);
    const restored = JSON.parse(JSON.stringify(model)) as typeof model;
    expect(Array.from(predictMlp(restored, test.X))).toEqual(Array.from(predictMlp(model, test.X)));
    expect(tf.memory().numTensors).toBeLessThan(5);
  });
});
