import { describe, expect, it } from "vitest";
import { logistic } from "../../server/ml/logistic";
import { fromRows, zeros } from "../../server/ml/matrix";
import { createRng } from "../../server/ml/random";
import { sigmoid } from "./data";

/** One binary feature with given cell counts: the unpenalised MLE is the empirical log-odds. */
function table(n00: number, n01: number, n10: number, n11: number) {
  const rows: number[][] = [];
  const y: number[] = [];
  const add = (x: number, label: number, count: number) => {
    for (let i = 0; i < count; i++) {
      rows.push([x]);
      y.push(label);
    }
  };
  add(0, 0, n00);
  add(0, 1, n01);
  add(1, 0, n10);
  add(1, 1, n11);
  return { X: fromRows(rows), y };
}

describe("logistic regression", () => {
  it("matches the closed-form MLE for a 2x2 table", () => {
    const { X, y } = table(40, 10, 15, 35);
    const model = logistic.fit(X, y, { l2: 0 });
    expect(model.intercept).toBeCloseTo(Math.log(10 / 40), 9);
    expect(model.coef[0]).toBeCloseTo(Math.log(35 / 15) - Math.log(10 / 40), 9);
  });

  it("class weights shift the intercept by exactly log(w1/w0) in the saturated model", () => {
    const { X, y } = table(40, 10, 15, 35);
    const model = logistic.fit(X, y, { l2: 0, classWeight: { 0: 1, 1: 5 } });
    expect(model.intercept).toBeCloseTo(Math.log((5 * 10) / 40), 9);
    expect(model.coef[0]).toBeCloseTo(Math.log(35 / 15) - Math.log(10 / 40), 9);
    const plain = logistic.fit(X, y, { l2: 0 });
    const probe = fromRows([[0], [1]]);
    const pw = logistic.predictProba(model, probe);
    const pp = logistic.predictProba(plain, probe);
    expect(pw[0]!).toBeGreaterThan(pp[0]!);
    expect(pw[1]!).toBeGreaterThan(pp[1]!);
    // "balanced" with 45 positives and 55 negatives: w1/w0 = (100/90)/(100/110) = 110/90.
    const balanced = logistic.fit(X, y, { l2: 0, classWeight: "balanced" });
    expect(balanced.intercept).toBeCloseTo(plain.intercept + Math.log(110 / 90), 9);
  });

  it("recovers known coefficients from simulated data", () => {
    const truth = { intercept: -0.5, coef: [1, -2, 0.5] };
    const n = 20000;
    const rng = createRng(12);
    const X = zeros(n, 3);
    const y = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let z = truth.intercept;
      for (let j = 0; j < 3; j++) {
        X.data[i * 3 + j] = rng.normal();
        z += truth.coef[j]! * X.data[i * 3 + j]!;
      }
      y[i] = rng.next() < sigmoid(z) ? 1 : 0;
    }
    const model = logistic.fit(X, y, { l2: 0 });
    // Fisher information per row for these settings is about 0.1-0.2 per coefficient, so the
    // standard errors are ~1/sqrt(20000 * 0.1) ≈ 0.025 or less; 0.1 is about four standard errors.
    expect(Math.abs(model.intercept - truth.intercept)).toBeLessThan(0.1);
    truth.coef.forEach((c, j) => expect(Math.abs(model.coef[j]! - c)).toBeLessThan(0.1));
    expect(model.iterations).toBeLessThan(15);
    // The penalty shrinks coefficients but never the intercept's freedom to match the base rate.
    const ridge = logistic.fit(X, y, { l2: 5000 });
    truth.coef.forEach((c, j) => expect(Math.abs(ridge.coef[j]!)).toBeLessThan(Math.abs(model.coef[j]!)));
    const restored = JSON.parse(JSON.stringify(model)) as typeof model;
    expect(Array.from(logistic.predictProba(restored, X))).toEqual(Array.from(logistic.predictProba(model, X)));
  });

  it("stays finite on perfectly separable data", () => {
    const model = logistic.fit(fromRows([[-2], [-1], [1], [2]]), [0, 0, 1, 1], { l2: 0, maxIter: 50 });
    expect(Number.isFinite(model.coef[0]!)).toBe(true);
    expect(model.coef[0]!).toBeGreaterThan(0);
  });
});
