import { elbowK, fitStandardiser, fromData, kmeans, silhouetteScore, transform } from "../ml";
import type { ClusterArtifact } from "./artifacts";
import { nameCentroid } from "../../lib/shared/feature-labels";
import { stepper, type ProgressSink } from "./fit-progress";
import type { ClusterParams } from "../../lib/shared/models.schemas";
import { AppError } from "../errors";
import { capForTraining } from "./outlier-caps";

export interface ClusterFitInput {
  params: ClusterParams;
  features: string[];
  X: Float64Array;
  rows: number;
}

function rowsOf(data: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(data.subarray(i * cols, (i + 1) * cols)));
}

/**
 * K-means over standardised features for every k in [kMin, kMax] (k-means++ starts, several
 * restarts), k chosen by the best silhouette on a sample, with the elbow curve kept beside it.
 * Duplicate names (two clusters distinctive on the same features) get a numeric suffix.
 */
export function fitClustersTask(input: ClusterFitInput, onProgress: ProgressSink) {
  const { params, features } = input;
  const d = features.length;
  const kMax = Math.min(params.kMax, Math.max(2, input.rows - 1));
  const kMin = Math.min(params.kMin, kMax);
  if (input.rows < 3) throw new AppError("PRECONDITION_FAILED", `Too few customers to cluster (${input.rows})`);
  const step = stepper(kMax - kMin + 2, onProgress);
  const capped = capForTraining(features, fromData(input.rows, d, input.X), params.capOutliers);
  const scaler = fitStandardiser(capped.X);
  const X = transform(scaler, capped.X);

  const scan: Array<{ k: number; inertia: number; silhouette: number }> = [];
  const fits = new Map<number, ReturnType<typeof kmeans>>();
  for (let k = kMin; k <= kMax; k++) {
    step(`k-means with k = ${k}`);
    const fit = kmeans(X, { k, seed: params.seed, restarts: params.restarts });
    fits.set(k, fit);
    scan.push({ k, inertia: fit.inertia, silhouette: silhouetteScore(X, fit.labels, { sampleSize: params.silhouetteSample, seed: params.seed }) });
  }
  step("Profiling clusters");
  const chosen = scan.reduce((best, e) => (e.silhouette > best.silhouette ? e : best)).k;
  const fit = fits.get(chosen)!;
  const centroids = rowsOf(fit.centroids.data, chosen, d);
  const sizes = Array.from({ length: chosen }, () => 0);
  for (const label of fit.labels) sizes[label]!++;
  const seen = new Map<string, number>();
  const names = centroids.map((c) => {
    const base = nameCentroid(features, c);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n > 1 ? `${base} (${n})` : base;
  });
  const artifact: ClusterArtifact = { kind: "clusters", features, caps: capped.caps, mean: scaler.means, scale: scaler.sds, centroids, sizes, names };
  const metrics = {
    kind: "clusters" as const,
    rows: input.rows,
    k: chosen,
    elbowK: elbowK(scan),
    silhouette: scan.find((e) => e.k === chosen)!.silhouette,
    inertia: fit.inertia,
    scan,
    outliers: capped.report,
    // Cluster profile: centroid in standardised units (the heat map) and in raw feature units.
    profile: centroids.map((c, i) => ({
      cluster: i,
      name: names[i]!,
      size: sizes[i]!,
      z: c,
      raw: c.map((v, j) => v * scaler.sds[j]! + scaler.means[j]!),
    })),
  };
  return { artifact, metrics, labels: fit.labels };
}
