import { type Classifier, type ClassWeight, type Labels, rowWeights, sigmoid } from "./classifier";
import { choleskySolve } from "./linalg";
import type { Matrix } from "./matrix";

export interface LogisticOptions {
  /** L2 penalty λ on the coefficients (not the intercept); scikit-learn's C is 1/λ. Default 1. */
  readonly l2?: number;
  readonly classWeight?: ClassWeight;
  readonly maxIter?: number;
  /** Stop when no Newton step component exceeds this. */
  readonly tol?: number;
}

export interface LogisticModel {
  readonly kind: "logistic";
  readonly intercept: number;
  readonly coef: number[];
  readonly iterations: number;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Weighted, L2-penalised logistic regression by Newton's method (IRLS) with a backtracking line
 * search. The objective is strictly convex when λ > 0, and Newton converges in a handful of
 * steps for the tens of features the dashboard uses, where the p × p solve is cheap.
 */
export function fitLogistic(X: Matrix, y: Labels, options: LogisticOptions = {}): LogisticModel {
  const { rows: n, cols: d, data } = X;
  const { l2 = 1, maxIter = 100, tol = 1e-10 } = options;
  const w = rowWeights(y, options.classWeight);
  const p = d + 1; // index 0 is the intercept
  const beta = new Float64Array(p);
  const z = new Float64Array(n);
  const objective = (b: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < n; i++) {
      let zi = b[0]!;
      for (let j = 0; j < d; j++) zi += data[i * d + j]! * b[j + 1]!;
      z[i] = zi;
      f += w[i]! * (softplus(zi) - y[i]! * zi);
    }
    for (let j = 1; j < p; j++) f += 0.5 * l2 * b[j]! * b[j]!;
    return f;
  };
  let f = objective(beta);
  let iterations = 0;
  const grad = new Float64Array(p);
  const hess = new Float64Array(p * p);
  const xi = new Float64Array(p);
  xi[0] = 1;
  for (; iterations < maxIter; iterations++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      const pr = sigmoid(z[i]!);
      const g = w[i]! * (pr - y[i]!);
      const h = w[i]! * pr * (1 - pr);
      for (let j = 0; j < d; j++) xi[j + 1] = data[i * d + j]!;
      for (let a = 0; a < p; a++) {
        grad[a]! += g * xi[a]!;
        const hx = h * xi[a]!;
        for (let b = 0; b <= a; b++) hess[a * p + b]! += hx * xi[b]!;
      }
    }
    for (let a = 1; a < p; a++) {
      grad[a]! += l2 * beta[a]!;
      hess[a * p + a]! += l2;
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) hess[b * p + a] = hess[a * p + b]!;
    const step = solveDamped(hess, grad, p);
    let maxStep = 0;
    for (let a = 0; a < p; a++) maxStep = Math.max(maxStep, Math.abs(step[a]!));
    if (maxStep < tol) break;
    // Backtracking keeps every step a descent step even far from the optimum, where pure Newton can overshoot.
    let t = 1;
    const trial = new Float64Array(p);
    let fTrial = Infinity;
    for (let k = 0; k < 50; k++, t /= 2) {
      for (let a = 0; a < p; a++) trial[a] = beta[a]! - t * step[a]!;
      fTrial = objective(trial);
      if (fTrial <= f) break;
    }
    if (!(fTrial <= f)) break;
    const decrease = f - fTrial;
    beta.set(trial);
    f = fTrial;
    // Near the optimum rounding keeps the step above any absolute tolerance on large n while the
    // objective no longer moves; a Newton step that gains nothing measurable means converged.
    if (decrease <= 1e-12 * Math.max(1, Math.abs(f))) {
      iterations++;
      break;
    }
  }
  return { kind: "logistic", intercept: beta[0]!, coef: Array.from(beta.subarray(1)), iterations };
}

/** Separable data with λ = 0 makes the Hessian near-singular; a little ridge keeps the step finite. */
function solveDamped(hess: Float64Array, grad: Float64Array, p: number): Float64Array {
  for (let damping = 0, k = 0; k < 20; k++, damping = damping === 0 ? 1e-10 : damping * 10) {
    const H = Float64Array.from(hess);
    for (let a = 0; a < p; a++) H[a * p + a]! += damping;
    const step = choleskySolve(H, grad, p);
    if (step) return step;
  }
  throw new Error("logistic regression: Hessian could not be factorised");
}

export function predictLogistic(model: LogisticModel, X: Matrix): Float64Array {
  const { rows: n, cols: d, data } = X;
  if (d !== model.coef.length) throw new Error(`model expects ${model.coef.length} features, got ${d}`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let zi = model.intercept;
    for (let j = 0; j < d; j++) zi += data[i * d + j]! * model.coef[j]!;
    out[i] = sigmoid(zi);
  }
  return out;
}

export const logistic: Classifier<LogisticModel, LogisticOptions> = { fit: fitLogistic, predictProba: predictLogistic };
