import { type Classifier, type ClassWeight, type Labels, rowWeights, sigmoid } from "./classifier";
import { choleskySolve } from "./linalg";
import { hessian, logisticKernel } from "./logistic-passes";
import { createPartPool, sharedFloat64 } from "./parallel";
import { type Matrix, selectRows } from "./matrix";

export interface LogisticOptions {
  /** L2 penalty λ on the coefficients (not the intercept); scikit-learn's C is 1/λ. Default 1. */
  readonly l2?: number;
  readonly classWeight?: ClassWeight;
  readonly maxIter?: number;
  /** Stop when no Newton step component exceeds this. */
  readonly tol?: number;
  /** Large inputs only: use a second thread for the passes over all rows (default true). */
  readonly threads?: boolean;
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
  const w = rowWeights(y, options.classWeight);
  if (X.rows >= SUBSAMPLED_HESSIAN_ROWS) return fitLarge(X, y, w, options);
  return fitNewton(X, y, w, options.l2 ?? 1, options.maxIter ?? 100, options.tol ?? 1e-10, null);
}

/** Exact Newton on all rows, optionally warm-started. */
function fitNewton(X: Matrix, y: Labels, w: Float64Array, l2: number, maxIter: number, tol: number, start: Float64Array | null): LogisticModel {
  const { rows: n, cols: d, data } = X;
  const p = d + 1; // index 0 is the intercept
  const beta = start ? Float64Array.from(start) : new Float64Array(p);
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

/** From this many rows on, Newton's Hessian comes from a fixed sample of rows (see fitLarge). */
const SUBSAMPLED_HESSIAN_ROWS = 200_000;
const HESSIAN_SAMPLE_ROWS = 50_000;

/**
 * Large inputs: the exact Hessian costs p²/2 multiply-adds per row and pass, ten times the
 * gradient. So the Hessian comes from an evenly spaced sample of rows (scaled up to n), while
 * gradient and objective always use every row. Newton with a sampled Hessian converges to the
 * exact optimum of the full objective (only the step direction is approximate), linearly with a
 * tiny rate, and each iteration is a single fused pass. The sample's own optimum is the start.
 */
function fitLarge(X: Matrix, y: Labels, w: Float64Array, options: LogisticOptions): LogisticModel {
  const { rows: n, cols: d } = X;
  const { l2 = 1, maxIter = 100, tol = 1e-10 } = options;
  const p = d + 1;
  const s = Math.min(n, HESSIAN_SAMPLE_ROWS);
  // Evenly spaced rows cover the whole file even when it is sorted by time or by label.
  const idx = Int32Array.from({ length: s }, (_, k) => Math.floor((k * n) / s));
  const Xs = selectRows(X, idx);
  const ys = Float64Array.from(idx, (i) => y[i]!);
  const ws = Float64Array.from(idx, (i) => w[i]!);
  const scale = n / s;
  // The sample's objective is about 1/scale of the full one, so its penalty is scaled the same way.
  // The start only has to be near: the sample's own noise is far above this tolerance.
  const warm = fitNewton(Xs, ys, ws, l2 / scale, maxIter, 1e-4, null);
  const beta = Float64Array.from([warm.intercept, ...warm.coef]);
  // One sampled Hessian, at the warm start, serves every iteration: near the optimum it barely
  // changes, the step only needs a good direction, and the line search on all rows keeps it honest.
  const H = hessian(Xs, ws, beta);
  for (let a = 0; a < p * p; a++) H[a]! *= scale;
  for (let a = 1; a < p; a++) H[a * p + a]! += l2;
  const passes = fullPasses(X, y, w, l2, options.threads ?? true);
  try {
    const grad = new Float64Array(p);
    const trialGrad = new Float64Array(p);
    const trial = new Float64Array(p);
    let f = passes.objectiveAndGradient(beta, grad);
    let iterations = 0;
    while (iterations < maxIter) {
      iterations++;
      const step = solveDamped(H, grad, p);
      let maxStep = 0;
      for (let a = 0; a < p; a++) maxStep = Math.max(maxStep, Math.abs(step[a]!));
      if (maxStep < tol) break;
      // Newton decrement: a full step lowers the quadratic model by ½gᵀstep. Once that is below
      // 1e-9 of the objective the log-loss is final to nine digits, and the pass that would
      // evaluate the step is not worth running (the small-input path's 1e-12 would cost one more).
      let predicted = 0;
      for (let a = 0; a < p; a++) predicted += 0.5 * grad[a]! * step[a]!;
      if (predicted <= 1e-9 * Math.max(1, Math.abs(f))) break;
      let t = 1;
      let fTrial = Infinity;
      for (let k = 0; k < 50; k++, t /= 2) {
        for (let a = 0; a < p; a++) trial[a] = beta[a]! - t * step[a]!;
        fTrial = passes.objectiveAndGradient(trial, trialGrad);
        if (fTrial <= f) break;
      }
      if (!(fTrial <= f)) break;
      const decrease = f - fTrial;
      beta.set(trial);
      grad.set(trialGrad);
      f = fTrial;
      if (decrease <= 1e-12 * Math.max(1, Math.abs(f))) break;
    }
    return { kind: "logistic", intercept: beta[0]!, coef: Array.from(beta.subarray(1)), iterations };
  } finally {
    passes.close();
  }
}

/** Parts of the full-data pass; fixed, so the sums (and the fit) are the same with or without threads. */
const LOGISTIC_PARTS = 16;

/** Objective and gradient over every row, in parts shared by this thread and a worker sharing X's memory. */
function fullPasses(X: Matrix, y: Labels, w: Float64Array, l2: number, threads: boolean) {
  const { rows: n, cols: d } = X;
  const p = d + 1;
  const buffers = {
    meta: sharedFloat64(Float64Array.of(d)),
    X: sharedFloat64(X.data),
    y: sharedFloat64(y instanceof Float64Array ? y : Float64Array.from(y)),
    w: sharedFloat64(w),
    beta: new SharedArrayBuffer(p * 8),
    out: new SharedArrayBuffer(LOGISTIC_PARTS * (p + 1) * 8),
  };
  const pool = createPartPool(logisticKernel, buffers, n, LOGISTIC_PARTS, threads);
  const sharedBeta = new Float64Array(buffers.beta);
  const out = new Float64Array(buffers.out);
  return {
    objectiveAndGradient(b: Float64Array, g: Float64Array): number {
      sharedBeta.set(b);
      pool.run(0);
      let f = 0;
      g.fill(0);
      for (let part = 0; part < pool.parts; part++) {
        const o = part * (p + 1);
        f += out[o]!;
        for (let a = 0; a < p; a++) g[a]! += out[o + 1 + a]!;
      }
      for (let a = 1; a < p; a++) {
        g[a]! += l2 * b[a]!;
        f += 0.5 * l2 * b[a]! * b[a]!;
      }
      return f;
    },
    close: () => pool.close(),
  };
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
