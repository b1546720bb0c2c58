import type { Db } from "../db";
import { AppError } from "../errors";
import { assignNearest, fromData, fromRows, type OutlierCaps } from "../ml";
import { ZModelArtifact, type ModelArtifact } from "./artifacts";
import { buildFeatureMatrix } from "./feature-columns";
import { capForScoring } from "./outlier-caps";
import { predictClassifier, type AnyClassifierModel } from "./predict";
import { scoreReasons } from "./reasons";
import { findRun } from "./runs.repo";
import { replaceRunScores, type ScoreRow } from "./scores.repo";
import { currentFeatures } from "./snapshot.repo";

/** New rows as the model saw its training rows: clipped at the stored caps, then standardised. */
function standardised(artifact: { features: string[]; caps?: OutlierCaps | null; mean: number[]; scale: number[] }, values: Float64Array, rows: number) {
  const d = artifact.features.length;
  const raw = capForScoring(artifact.caps, fromData(rows, d, values)).data;
  const out = new Float64Array(raw.length);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < d; j++) {
      const v = raw[i * d + j]!;
      out[i * d + j] = Number.isNaN(v) ? 0 : (v - artifact.mean[j]!) / artifact.scale[j]!;
    }
  }
  return fromData(rows, d, out);
}

/** Per-customer outputs of a run, from the live customer features. Baskets have none. */
export function computeScores(runId: string, artifact: ModelArtifact, customerIds: number[], raw: (features: string[]) => Float64Array): ScoreRow[] {
  const n = customerIds.length;
  if (artifact.kind === "baskets" || n === 0) return [];
  const X = standardised(artifact, raw(artifact.features), n);
  if (artifact.kind === "classifier") {
    const model = artifact.model as AnyClassifierModel;
    const scores = predictClassifier(model, X);
    const details = scoreReasons(model, artifact.features, X, scores);
    return customerIds.map((customerId, i) => ({ modelRunId: runId, customerId, score: scores[i]!, detail: details[i]! }));
  }
  const centres = fromRows(artifact.kind === "clusters" ? artifact.centroids : artifact.leafCentroids);
  const { labels } = assignNearest(X, centres);
  return customerIds.map((customerId, i) => ({ modelRunId: runId, customerId, cluster: labels[i]! }));
}

/** Scores every customer with a run's model, replacing that run's previous scores in one transaction. */
export async function scoreRun(db: Db, runId: string, onProgress?: (fraction: number, message: string) => Promise<void>): Promise<{ runId: string; scored: number }> {
  const run = await findRun(db, runId);
  if (!run) throw new AppError("NOT_FOUND", "No such model run", "id");
  if (run.status !== "succeeded" || !run.artifact) throw new AppError("PRECONDITION_FAILED", "Only a finished run can score customers", "id");
  const artifact = ZModelArtifact.parse(run.artifact);
  const rows = await currentFeatures(db);
  await onProgress?.(0.2, `Scoring ${rows.length} customers`);
  const scored = computeScores(runId, artifact, rows.map((r) => r.customer_id), (features) => buildFeatureMatrix(rows, features));
  await onProgress?.(0.6, "Writing scores");
  await db.transaction((tx) => replaceRunScores(tx, runId, scored));
  return { runId, scored: scored.length };
}
