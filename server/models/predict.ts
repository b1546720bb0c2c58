import { createMlp, fitForest, fitGbt, fitLogistic, fitTree, type ForestModel, type GbtModel, type LogisticModel, type MlpModel, predictForest, predictGbt, predictLogistic, predictMlp, predictTree, type TreeModel } from "../ml";
import type { Matrix, Tf } from "../ml";
import type { ClassifierAlgorithm, ClassifierParams } from "../../lib/shared/models.schemas";

export type AnyClassifierModel = LogisticModel | MlpModel | TreeModel | ForestModel | GbtModel;

/** Fits the chosen algorithm with the form's parameters; tf is needed only for the MLP. */
export function fitClassifier(algorithm: ClassifierAlgorithm, params: ClassifierParams, X: Matrix, y: ArrayLike<number>, tf: Tf | null): AnyClassifierModel {
  const classWeight = params.classBalance ? ("balanced" as const) : undefined;
  switch (algorithm) {
    case "logistic":
      return fitLogistic(X, y, { l2: params.l2, classWeight });
    case "tree":
      return fitTree(X, y, { maxDepth: params.maxDepth, minSamplesLeaf: params.minSamplesLeaf, classWeight });
    case "forest":
      return fitForest(X, y, { nTrees: params.trees, maxDepth: Math.max(params.maxDepth, 8), minSamplesLeaf: Math.max(1, Math.floor(params.minSamplesLeaf / 4)), classWeight, seed: params.seed });
    case "gbt":
      return fitGbt(X, y, { nRounds: params.trees, learningRate: params.learningRate, maxDepth: params.maxDepth, minSamplesLeaf: params.minSamplesLeaf, classWeight });
    case "mlp": {
      if (!tf) throw new Error("The MLP needs TensorFlow.js loaded");
      return createMlp(tf).fit(X, y, { hidden: [params.hidden], epochs: params.epochs, learningRate: params.learningRate, l2: params.l2 / 1000, seed: params.seed });
    }
  }
}

/** P(y = 1) per row, from a stored model of any supported algorithm (no TensorFlow needed). */
export function predictClassifier(model: AnyClassifierModel, X: Matrix): Float64Array {
  switch (model.kind) {
    case "logistic":
      return predictLogistic(model, X);
    case "mlp":
      return predictMlp(model, X);
    case "tree":
      return predictTree(model, X);
    case "forest":
      return predictForest(model, X);
    case "gbt":
      return predictGbt(model, X);
  }
}

/** Gain-based importance when the algorithm has one (trees); null otherwise. */
export function gainImportance(model: AnyClassifierModel): number[] | null {
  return "importance" in model ? model.importance : null;
}
