import { type Matrix, zeros } from "../../server/ml/matrix";
import { createRng } from "../../server/ml/random";

/** Gaussian blobs around well-separated centres; returns the planted labels too. */
export function blobs(centres: readonly (readonly number[])[], perBlob: number, sd: number, seed: number): { X: Matrix; truth: Int32Array } {
  const rng = createRng(seed);
  const d = centres[0]!.length;
  const X = zeros(centres.length * perBlob, d);
  const truth = new Int32Array(X.rows);
  let r = 0;
  centres.forEach((c, label) => {
    for (let p = 0; p < perBlob; p++, r++) {
      truth[r] = label;
      for (let j = 0; j < d; j++) X.data[r * d + j] = c[j]! + sd * rng.normal();
    }
  });
  return { X, truth };
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
