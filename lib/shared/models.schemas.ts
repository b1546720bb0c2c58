import { z } from "zod";
import { MODEL_TASKS } from "./vocabulary";

export const ZTask = z.enum(MODEL_TASKS);
export type ModelTask = z.infer<typeof ZTask>;
export const CLASSIFIER_ALGORITHMS = ["logistic", "mlp", "tree", "forest", "gbt"] as const;
export const ZAlgorithm = z.enum(CLASSIFIER_ALGORITHMS);
export type ClassifierAlgorithm = z.infer<typeof ZAlgorithm>;

const int = (min: number, max: number, label: string) =>
  z.coerce.number({ error: `${label} must be a number` }).int(`${label} must be a whole number`).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`);
const real = (min: number, max: number, label: string) =>
  z.coerce.number({ error: `${label} must be a number` }).min(min, `${label} must be at least ${min}`).max(max, `${label} must be at most ${max}`);

/**
 * Winsorising of numeric model features before training (and, with the caps learned then, at
 * scoring): values above the chosen percentile of the training rows are clipped to it.
 */
export const CAP_OUTLIER_SETTINGS = ["off", "99", "95"] as const;
export const ZCapOutliers = z.enum(CAP_OUTLIER_SETTINGS, { error: "Cap outliers must be off, 99 or 95" });
export type CapOutliers = z.infer<typeof ZCapOutliers>;
/** The percentile (0..100) a setting caps at, or null for off. */
export function capPercentile(setting: CapOutliers | undefined): number | null {
  return setting === undefined || setting === "off" ? null : Number(setting);
}

export const ZClusterParams = z.object({
  kMin: int(2, 20, "Smallest k").default(3),
  kMax: int(2, 20, "Largest k").default(10),
  restarts: int(1, 20, "Restarts").default(4),
  silhouetteSample: int(200, 20_000, "Silhouette sample").default(2000),
  seed: int(0, 1_000_000, "Seed").default(7),
  capOutliers: ZCapOutliers.default("99"),
});
export const ZHierarchyParams = z.object({
  leaves: int(4, 100, "Leaves").default(40),
  seed: int(0, 1_000_000, "Seed").default(7),
  capOutliers: ZCapOutliers.default("99"),
});
export const ZBasketParams = z.object({
  minSupport: real(0.0005, 0.5, "Minimum support").default(0.01),
  minConfidence: real(0.01, 1, "Minimum confidence").default(0.2),
  maxLength: int(2, 5, "Maximum itemset length").default(3),
});
export const ZClassifierParams = z.object({
  algorithm: ZAlgorithm.default("gbt"),
  labelWindowDays: int(7, 180, "Label window (days)").default(30),
  folds: int(2, 10, "Folds").default(5),
  classBalance: z.boolean().default(true),
  l2: real(0, 1000, "L2 penalty").default(1),
  maxDepth: int(1, 16, "Maximum depth").default(4),
  trees: int(5, 500, "Trees").default(100),
  learningRate: real(0.001, 1, "Learning rate").default(0.1),
  minSamplesLeaf: int(1, 500, "Minimum samples per leaf").default(20),
  hidden: int(2, 128, "Hidden units").default(16),
  epochs: int(10, 2000, "Epochs").default(200),
  seed: int(0, 1_000_000, "Seed").default(7),
  capOutliers: ZCapOutliers.default("99"),
});
export type ClusterParams = z.infer<typeof ZClusterParams>;
export type HierarchyParams = z.infer<typeof ZHierarchyParams>;
export type BasketParams = z.infer<typeof ZBasketParams>;
export type ClassifierParams = z.infer<typeof ZClassifierParams>;

/** A retrain request: the task plus that task's parameters, every field validated by name. */
export const ZTrainRequest = z
  .discriminatedUnion("task", [
    z.object({ task: z.literal("clusters"), params: ZClusterParams.default(ZClusterParams.parse({})) }),
    z.object({ task: z.literal("hierarchy"), params: ZHierarchyParams.default(ZHierarchyParams.parse({})) }),
    z.object({ task: z.literal("baskets"), params: ZBasketParams.default(ZBasketParams.parse({})) }),
    z.object({ task: z.literal("propensity"), params: ZClassifierParams.default(ZClassifierParams.parse({})) }),
    z.object({ task: z.literal("churn"), params: ZClassifierParams.default(ZClassifierParams.parse({})) }),
  ])
  .superRefine((value, ctx) => {
    if (value.task === "clusters" && value.params.kMin > value.params.kMax) {
      ctx.addIssue({ code: "custom", path: ["params", "kMax"], message: "Largest k must be at least the smallest k" });
    }
  });
export type TrainRequest = z.infer<typeof ZTrainRequest>;

export const ZRunId = z.object({ id: z.uuid() });
export const ZListRuns = z.object({ task: ZTask.optional(), limit: z.number().int().min(1).max(200).default(50) });
export const ZCompareRuns = z.object({ a: z.uuid(), b: z.uuid() });
export const ZSchedule = z.object({ nightly: z.boolean(), hourUtc: z.number().int().min(0).max(23).default(2) });
