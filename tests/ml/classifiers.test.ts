import { describe, expect, it } from "vitest";
import type { Classifier } from "../../server/ml/classifier";
import { randomForest } from "../../server/ml/forest";
import { gradientBoosting } from "../../server/ml/gbt";
import { permutationImportance } from "../../server/ml/importance";
import { logistic } from "../../server/ml/logistic";
import { type Matrix, zeros } from "../../server/ml/matrix";
import { rocAuc } from "../../server/ml/metrics";
import { createRng } from "../../server/ml/random";
import { decisionTree } from "../../server/ml/tree";

/**
 * Non-linear target: inside a disc in (x0, x1), 5% labels flipped, plus 3 pure-noise features.
 * The disc is symmetric about the origin, so no linear score of the raw features separates it.
 */
function disc(n: number, seed: number): { X: Matrix; y: Int32Array } {
  const rng = createRng(seed);
  const X = zeros(n, 5);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 5; j++) X.data[i * 5 + j] = rng.normal();
    const inside = X.data[i * 5]! ** 2 + X.data[i * 5 + 1]! ** 2 < 1.4 ? 1 : 0;
    y[i] = rng.next() < 0.05 ? 1 - inside : inside;
  }
  return { X, y };
}

const train = disc(3000, 1);
const test = disc(2000, 2);

function roundTrip<M, O>(c: Classifier<M, O>, model: M): void {
  const restored = JSON.parse(JSON.stringify(model)) as M;
  expect(Array.from(c.predictProba(restored, test.X))).toEqual(Array.from(c.predictProba(model, test.X)));
}

describe("tree ensembles on a non-linear problem", () => {
  const linearAuc = rocAuc(test.y, logistic.predictProba(logistic.fit(train.X, train.y, {}), test.X));

  it("logistic regression cannot solve the disc", () => {
    expect(linearAuc).toBeLessThan(0.65);
  });

  const cases = [
    { name: "decision tree", run: () => check(decisionTree, { maxDepth: 6, minSamplesLeaf: 10 }) },
    { name: "entropy tree", run: () => check(decisionTree, { maxDepth: 6, minSamplesLeaf: 10, criterion: "entropy" as const }) },
    { name: "random forest", run: () => check(randomForest, { nTrees: 60, maxDepth: 10, minSamplesLeaf: 3, seed: 5 }) },
    { name: "gradient boosting", run: () => check(gradientBoosting, { nRounds: 80, learningRate: 0.2, maxDepth: 3 }) },
  ];

  function check<M extends { importance: number[] }, O>(c: Classifier<M, O>, options: O): void {
    const model = c.fit(train.X, train.y, options);
    const auc = rocAuc(test.y, c.predictProba(model, test.X));
    expect(auc).toBeGreaterThanOrEqual(0.9);
    expect(auc).toBeGreaterThan(linearAuc + 0.25);
    // Only x0 and x1 carry signal; gain importance must say so.
    expect(model.importance[0]! + model.importance[1]!).toBeGreaterThan(0.8);
    expect(model.importance.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    roundTrip(c, model);
  }

  for (const { name, run } of cases) it(`${name}: AUC >= 0.9, sensible importance, JSON round trip`, run);

  it("forest is deterministic for a seed and differs across seeds", () => {
    const a = randomForest.predictProba(randomForest.fit(train.X, train.y, { nTrees: 10, seed: 3 }), test.X);
    const b = randomForest.predictProba(randomForest.fit(train.X, train.y, { nTrees: 10, seed: 3 }), test.X);
    const c = randomForest.predictProba(randomForest.fit(train.X, train.y, { nTrees: 10, seed: 4 }), test.X);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("permutation importance finds the two signal features", () => {
    const model = gradientBoosting.fit(train.X, train.y, { nRounds: 40, learningRate: 0.3 });
    const imp = permutationImportance((X) => gradientBoosting.predictProba(model, X), test.X, test.y, { repeats: 3, seed: 1 });
    expect(imp.mean[0]).toBeGreaterThan(0.1);
    expect(imp.mean[1]).toBeGreaterThan(0.1);
    for (const f of [2, 3, 4]) expect(Math.abs(imp.mean[f]!)).toBeLessThan(0.02);
  });

  it("missing values route right at prediction as in training", () => {
    const model = decisionTree.fit(train.X, train.y, { maxDepth: 4 });
    const X = zeros(1, 5).data.fill(NaN);
    const p = decisionTree.predictProba(model, { rows: 1, cols: 5, data: X });
    expect(p[0]).toBeGreaterThanOrEqual(0);
    expect(p[0]).toBeLessThanOrEqual(1);
  });
});
