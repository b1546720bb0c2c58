import type { Matrix } from "../ml";
import type { ScoreDetail } from "./artifacts";
import type { AnyClassifierModel } from "./predict";
import { predictClassifier } from "./predict";

const logit = (p: number) => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
};

/**
 * Per-customer reasons: how much each feature moves the score's log-odds away from an average
 * customer. Logistic regression gives this exactly (coefficient × standardised value); for the
 * other algorithms it is the change in log-odds when the feature is reset to its mean (0 in
 * standardised space), one feature at a time. Only features that push the score up are kept.
 */
export function scoreReasons(model: AnyClassifierModel, features: readonly string[], X: Matrix, scores: Float64Array, top = 5): ScoreDetail[] {
  const { rows: n, cols: d } = X;
  const contributions = new Float64Array(n * d);
  if (model.kind === "logistic") {
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) contributions[i * d + j] = model.coef[j]! * X.data[i * d + j]!;
  } else {
    const work = { rows: n, cols: d, data: Float64Array.from(X.data) };
    for (let j = 0; j < d; j++) {
      for (let i = 0; i < n; i++) work.data[i * d + j] = 0;
      const without = predictClassifier(model, work);
      for (let i = 0; i < n; i++) {
        contributions[i * d + j] = logit(scores[i]!) - logit(without[i]!);
        work.data[i * d + j] = X.data[i * d + j]!;
      }
    }
  }
  return Array.from({ length: n }, (_, i) => {
    const ranked: Array<{ feature: string; contribution: number }> = [];
    for (let j = 0; j < d; j++) {
      const c = contributions[i * d + j]!;
      if (c > 1e-6) ranked.push({ feature: features[j]!, contribution: Math.round(c * 1e4) / 1e4 });
    }
    ranked.sort((a, b) => b.contribution - a.contribution);
    return { reasons: ranked.slice(0, top) };
  });
}
