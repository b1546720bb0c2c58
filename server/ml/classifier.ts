import type { Matrix } from "./matrix";

/** Binary targets: 0 or 1 per row. */
export type Labels = ArrayLike<number>;

/**
 * The shape every classifier in server/ml shares. Models are plain JSON-safe objects (numbers,
 * arrays, strings), so the registry stores them with JSON.stringify and predicts after JSON.parse.
 */
export interface Classifier<Model, Options> {
  fit(X: Matrix, y: Labels, options: Options): Model;
  /** P(y = 1) per row of X. */
  predictProba(model: Model, X: Matrix): Float64Array;
}

export type ClassWeight = "balanced" | { readonly 0: number; readonly 1: number };

/** Per-row weights from class weights; "balanced" gives each class the same total weight, as in scikit-learn. */
export function rowWeights(y: Labels, classWeight?: ClassWeight): Float64Array {
  const n = y.length;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`labels must be 0 or 1, row ${i} is ${y[i]}`);
    positives += y[i]!;
  }
  let w0 = 1;
  let w1 = 1;
  if (classWeight === "balanced") {
    w0 = n / (2 * Math.max(1, n - positives));
    w1 = n / (2 * Math.max(1, positives));
  } else if (classWeight) {
    w0 = classWeight[0];
    w1 = classWeight[1];
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = y[i] === 1 ? w1 : w0;
  return out;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}
