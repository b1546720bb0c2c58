import { z } from "zod";

/**
 * What a finished model run stores in `model_runs.artifact`, per task. Segments, campaigns and
 * KPIs read these shapes, so they are the contract between training and everything downstream.
 * Per-customer outputs live in `customer_scores` (score in 0..1 for classifiers, cluster index
 * for clusters and hierarchy runs, `detail` as described by ZScoreDetail).
 */

const ZFeatureList = z.array(z.string().min(1)).min(1);

/**
 * Outlier caps learned on the training rows (one per feature, null = not capped), applied to the
 * raw feature values before standardisation, at training and at scoring alike. Absent on runs
 * trained with capping off and on runs from before capping existed.
 */
const ZOutlierCaps = z.object({ percentile: z.number().gt(0).lt(100), upper: z.array(z.number().nullable()) }).nullable().optional();

/** K-means over standardised customer features; customer_scores.cluster is the cluster index. */
export const ZClusterArtifact = z.object({
  kind: z.literal("clusters"),
  features: ZFeatureList,
  caps: ZOutlierCaps,
  /** Standardisation used before clustering: x' = (x - mean) / scale. */
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  /** Centroids in standardised space, one row per cluster. */
  centroids: z.array(z.array(z.number())),
  sizes: z.array(z.number().int().nonnegative()),
  /** Human names from each cluster's most distinctive features, e.g. "high completion, low discount share". */
  names: z.array(z.string()),
});
export type ClusterArtifact = z.infer<typeof ZClusterArtifact>;

/**
 * Ward linkage over many small K-means clusters ("leaves"); customer_scores.cluster is the leaf.
 * merges follow SciPy's linkage convention: ids below leafCount are leaves, id leafCount + i is
 * the cluster formed by merge i. Cutting the tree maps every leaf, and so every customer, to a group.
 */
export const ZHierarchyArtifact = z.object({
  kind: z.literal("hierarchy"),
  features: ZFeatureList,
  caps: ZOutlierCaps,
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  leafCount: z.number().int().positive(),
  leafSizes: z.array(z.number().int().nonnegative()),
  leafCentroids: z.array(z.array(z.number())),
  merges: z.array(z.object({ a: z.number().int(), b: z.number().int(), height: z.number(), size: z.number().int() })),
});
export type HierarchyArtifact = z.infer<typeof ZHierarchyArtifact>;

/** Association rules over product baskets; antecedent and consequent hold products.id values. */
export const ZAssociationRule = z.object({
  antecedent: z.array(z.number().int()),
  consequent: z.array(z.number().int()),
  support: z.number(),
  confidence: z.number(),
  lift: z.number(),
});
export type StoredAssociationRule = z.infer<typeof ZAssociationRule>;

export const ZBasketArtifact = z.object({
  kind: z.literal("baskets"),
  basketCount: z.number().int().nonnegative(),
  minSupport: z.number(),
  minConfidence: z.number(),
  maxLength: z.number().int().positive(),
  rules: z.array(ZAssociationRule),
});
export type BasketArtifact = z.infer<typeof ZBasketArtifact>;

/** A purchase-propensity or churn classifier; `model` is the algorithm's own serialised form. */
export const ZClassifierArtifact = z.object({
  kind: z.literal("classifier"),
  algorithm: z.enum(["logistic", "mlp", "tree", "forest", "gbt"]),
  features: ZFeatureList,
  caps: ZOutlierCaps,
  mean: z.array(z.number()),
  scale: z.array(z.number()),
  threshold: z.number(),
  model: z.unknown(),
});
export type ClassifierArtifact = z.infer<typeof ZClassifierArtifact>;

export const ZModelArtifact = z.discriminatedUnion("kind", [
  ZClusterArtifact,
  ZHierarchyArtifact,
  ZBasketArtifact,
  ZClassifierArtifact,
]);
export type ModelArtifact = z.infer<typeof ZModelArtifact>;

/**
 * customer_scores.detail for classifier runs: the features that push this customer's score up
 * most (contribution on the log-odds scale or the model's own attribution), largest first.
 */
export const ZScoreDetail = z.object({
  reasons: z.array(z.object({ feature: z.string(), contribution: z.number() })).max(10),
});
export type ScoreDetail = z.infer<typeof ZScoreDetail>;
