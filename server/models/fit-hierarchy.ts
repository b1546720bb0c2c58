import { fitStandardiser, fromData, kmeans, transform, wardLinkage } from "../ml";
import type { HierarchyArtifact } from "./artifacts";
import { stepper, type ProgressSink } from "./fit-progress";
import type { HierarchyParams } from "../../lib/shared/models.schemas";
import { AppError } from "../errors";
import { capForTraining } from "./outlier-caps";

export interface HierarchyFitInput {
  params: HierarchyParams;
  features: string[];
  X: Float64Array;
  rows: number;
}

/**
 * Two-stage hierarchy: k-means into many small "leaf" clusters, then Ward linkage over the leaf
 * centroids weighted by their sizes. Ward on weighted centroids equals Ward on the points once
 * each leaf is merged, so the tree above the leaves is the one the full data would give.
 */
export function fitHierarchyTask(input: HierarchyFitInput, onProgress: ProgressSink) {
  const { params, features } = input;
  const d = features.length;
  const leaves = Math.min(params.leaves, input.rows);
  if (leaves < 2) throw new AppError("PRECONDITION_FAILED", `Too few customers for a hierarchy (${input.rows})`);
  const step = stepper(3, onProgress);
  step("Capping outliers and standardising");
  const capped = capForTraining(features, fromData(input.rows, d, input.X), params.capOutliers);
  const scaler = fitStandardiser(capped.X);
  const X = transform(scaler, capped.X);
  step(`k-means into ${leaves} leaves`);
  const fit = kmeans(X, { k: leaves, seed: params.seed, restarts: 2 });
  const leafSizes = Array.from({ length: leaves }, () => 0);
  for (const label of fit.labels) leafSizes[label]!++;
  step("Ward linkage over the leaves");
  const dendrogram = wardLinkage(fit.centroids, Float64Array.from(leafSizes, (s) => Math.max(s, 1e-9)));
  const leafCentroids = Array.from({ length: leaves }, (_, i) => Array.from(fit.centroids.data.subarray(i * d, (i + 1) * d)));
  const artifact: HierarchyArtifact = {
    kind: "hierarchy",
    features,
    caps: capped.caps,
    mean: scaler.means,
    scale: scaler.sds,
    leafCount: leaves,
    leafSizes,
    leafCentroids,
    merges: dendrogram.merges.map((m) => ({ a: m.left, b: m.right, height: m.distance, size: m.size })),
  };
  const metrics = {
    kind: "hierarchy" as const,
    rows: input.rows,
    leaves,
    inertia: fit.inertia,
    outliers: capped.report,
    // Heights of the last merges: a big jump marks a natural number of groups.
    topHeights: dendrogram.merges.slice(-10).map((m) => m.distance).reverse(),
  };
  return { artifact, metrics, labels: fit.labels };
}
