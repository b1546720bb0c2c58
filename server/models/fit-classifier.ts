import { averagePrecision, calibrationBins, confusionMatrix, fitStandardiser, fromData, loadTf, logLoss, type Matrix, permutationImportance, rocAuc, selectRows, stratifiedKFold, type Tf, thresholdMetrics, transform } from "../ml";
import type { ClassifierArtifact } from "./artifacts";
import { bestF1Threshold, prCurve, rocCurve } from "./curves";
import { stepper, type ProgressSink } from "./fit-progress";
import type { ClassifierParams } from "../../lib/shared/models.schemas";
import { fitClassifier, gainImportance, predictClassifier } from "./predict";
import { AppError } from "../errors";
import { capForScoring, capForTraining } from "./outlier-caps";

export interface LabelledSet {
  X: Float64Array;
  y: Uint8Array;
  rows: number;
}

export interface ClassifierFitInput {
  task: "propensity" | "churn";
  params: ClassifierParams;
  features: string[];
  /** Features as of the cutoff, labels from the window after it: CV and the final model use it. */
  latest: LabelledSet & { segments: string[] };
  /** The same one window earlier: the time split trains here and tests on `latest`. */
  earlier: LabelledSet | null;
}

const finite = (v: number) => (Number.isFinite(v) ? v : null);

function bothClasses(y: Uint8Array): boolean {
  let positives = 0;
  for (const v of y) positives += v;
  return positives > 0 && positives < y.length;
}

/** AUC of recency alone (longer since the last purchase = higher risk for churn, lower propensity). */
function recencyBaselineAuc(task: ClassifierFitInput["task"], features: string[], X: Float64Array, y: Uint8Array): number | null {
  const j = features.indexOf("recency_days");
  if (j < 0) return null;
  const d = features.length;
  const scores = Float64Array.from({ length: y.length }, (_, i) => {
    const v = X[i * d + j]!;
    const recency = Number.isNaN(v) ? 1e6 : v;
    return task === "churn" ? recency : -recency;
  });
  return finite(rocAuc(y, scores));
}

function segmentMetrics(segments: string[], y: Uint8Array, scores: Float64Array) {
  const groups = new Map<string, number[]>();
  segments.forEach((s, i) => {
    const list = groups.get(s) ?? [];
    list.push(i);
    groups.set(s, list);
  });
  return [...groups.entries()]
    .map(([segment, idx]) => {
      const ys = idx.map((i) => y[i]!);
      const ps = idx.map((i) => scores[i]!);
      return {
        segment,
        count: idx.length,
        positiveRate: ys.reduce((s, v) => s + v, 0) / idx.length,
        meanScore: ps.reduce((s, v) => s + v, 0) / idx.length,
        auc: finite(rocAuc(ys, ps)),
      };
    })
    .sort((a, b) => b.count - a.count);
}

/**
 * Trains and evaluates a propensity or churn classifier honestly:
 * - stratified k-fold CV AUC on the latest labelled window;
 * - an out-of-time test: fitted on the window before, scored on the latest (the model never
 *   sees the period it is judged on), giving ROC/PR curves, confusion matrix, calibration,
 *   permutation importance and per-RFM-segment metrics;
 * - the stored model is refitted on the latest window.
 */
export async function fitClassifierTask(input: ClassifierFitInput, onProgress: ProgressSink) {
  const { params, features, latest } = input;
  const d = features.length;
  if (latest.rows < 20) throw new AppError("PRECONDITION_FAILED", `Too few labelled customers to train (${latest.rows})`);
  if (!bothClasses(latest.y)) throw new AppError("PRECONDITION_FAILED", "The label window has only one class: nothing to learn");
  const tf: Tf | null = params.algorithm === "mlp" ? await loadTf() : null;
  const useEarlier = input.earlier !== null && input.earlier.rows >= 20 && bothClasses(input.earlier.y);
  const step = stepper(params.folds + (useEarlier ? 1 : 0) + 2, onProgress);

  // Outlier caps are learned on the rows each model is fitted on and stored with the final one.
  const latestRaw = fromData(latest.rows, d, latest.X);
  const capped = capForTraining(features, latestRaw, params.capOutliers);
  const raw = capped.X;
  const scaler = fitStandardiser(raw);
  const Xs = transform(scaler, raw);

  // Stratified k-fold CV (scaler refitted per fold would be stricter; mean/sd carry no label).
  const folds = stratifiedKFold(latest.y, params.folds, params.seed);
  const oof = new Float64Array(latest.rows);
  const foldAuc: number[] = [];
  for (const [f, fold] of folds.entries()) {
    step(`Cross-validation fold ${f + 1} of ${folds.length}`);
    const model = fitClassifier(params.algorithm, params, selectRows(Xs, fold.train), pick(latest.y, fold.train), tf);
    const p = predictClassifier(model, selectRows(Xs, fold.test));
    fold.test.forEach((row, i) => (oof[row] = p[i]!));
    foldAuc.push(rocAuc(pick(latest.y, fold.test), p));
  }
  const cvMean = foldAuc.reduce((s, v) => s + v, 0) / foldAuc.length;
  const cvSd = Math.sqrt(foldAuc.reduce((s, v) => s + (v - cvMean) ** 2, 0) / foldAuc.length);

  // Held-out time split: train on the earlier window, judge on the latest one.
  let holdout: { scores: Float64Array; predict: (X: Matrix) => Float64Array; X: Matrix; kind: "time" | "cv" };
  if (useEarlier && input.earlier) {
    step("Out-of-time test");
    const earlierCapped = capForTraining(features, fromData(input.earlier.rows, d, input.earlier.X), params.capOutliers);
    const earlierScaler = fitStandardiser(earlierCapped.X);
    const model = fitClassifier(params.algorithm, params, transform(earlierScaler, earlierCapped.X), input.earlier.y, tf);
    // The latest window is scored as new data would be: with the earlier model's own caps.
    const testX = transform(earlierScaler, capForScoring(earlierCapped.caps, latestRaw));
    holdout = { scores: predictClassifier(model, testX), predict: (X) => predictClassifier(model, X), X: testX, kind: "time" };
  } else {
    holdout = { scores: oof, predict: () => oof, X: Xs, kind: "cv" };
  }

  step("Fitting the final model");
  const finalModel = fitClassifier(params.algorithm, params, Xs, latest.y, tf);
  const threshold = bestF1Threshold(latest.y, oof);

  step("Permutation importance");
  const importanceX = holdout.kind === "time" ? holdout.X : Xs;
  const importancePredict = holdout.kind === "time" ? holdout.predict : (X: Matrix) => predictClassifier(finalModel, X);
  const permutation = permutationImportance(importancePredict, importanceX, latest.y, { repeats: 3, seed: params.seed });
  const gain = gainImportance(finalModel);

  const y = latest.y;
  const s = holdout.scores;
  const confusion = confusionMatrix(y, s, threshold);
  let positives = 0;
  for (const v of y) positives += v;

  const artifact: ClassifierArtifact = {
    kind: "classifier",
    algorithm: params.algorithm,
    features,
    caps: capped.caps,
    mean: scaler.means,
    scale: scaler.sds,
    threshold,
    model: finalModel,
  };
  const metrics = {
    kind: "classifier" as const,
    evaluation: holdout.kind,
    rows: latest.rows,
    positives,
    positiveRate: positives / latest.rows,
    cv: { folds: params.folds, auc: finite(cvMean), aucSd: finite(cvSd), foldAuc: foldAuc.map(finite) },
    auc: finite(rocAuc(y, s)),
    prAuc: finite(averagePrecision(y, s)),
    logLoss: finite(logLoss(y, s)),
    baselineAuc: recencyBaselineAuc(input.task, features, latest.X, y),
    threshold,
    confusion,
    thresholdMetrics: thresholdMetrics(confusion),
    roc: rocCurve(y, s),
    pr: prCurve(y, s),
    calibration: calibrationBins(y, s, 10).map((b) => ({ ...b, meanPredicted: finite(b.meanPredicted), observedRate: finite(b.observedRate) })),
    importance: features.map((feature, j) => ({
      feature,
      permutation: permutation.mean[j]!,
      permutationSd: permutation.sd[j]!,
      gain: gain ? (gain[j] ?? 0) : null,
    })),
    segments: segmentMetrics(latest.segments, y, s),
    outliers: capped.report,
  };
  return { artifact, metrics };
}

function pick(y: Uint8Array, idx: Int32Array): Uint8Array {
  return Uint8Array.from(idx, (i) => y[i]!);
}
