import type { Db } from "../db";
import { AppError } from "../errors";
import { latestEventTime } from "../features";
import { ALL_FEATURES, buildFeatureMatrix, CLUSTER_FEATURES, type FeatureRow } from "./feature-columns";
import type { FitInput } from "./fit";
import { churnLabels, propensityLabels, purchaseBaskets, type Label } from "./labels.repo";
import type { BasketParams, ClassifierParams, ClusterParams, HierarchyParams, ModelTask } from "../../lib/shared/models.schemas";
import { currentFeatures, featuresAsOf } from "./snapshot.repo";

const DAY_MS = 86_400_000;

export interface AssembledData {
  input: FitInput;
  rowCount: number;
  features: string[];
  trainingCutoff: Date | null;
  labelWindowDays: number | null;
}

/** A classic RFM segment name from the snapshot's own r/f scores (used for per-segment metrics). */
export function rfmSegment(row: Pick<FeatureRow, "r_score" | "f_score">): string {
  const r = row.r_score === null ? null : Number(row.r_score);
  const f = row.f_score === null ? null : Number(row.f_score);
  if (r === null || f === null) return "no purchase";
  if (r >= 4 && f >= 4) return "champions";
  if (r >= 3 && f >= 3) return "loyal";
  if (r <= 2 && f >= 3) return "at risk";
  if (r >= 3) return "promising";
  return "hibernating";
}

/** Joins point-in-time features with labels by customer id: only labelled customers remain. */
function labelled(rows: FeatureRow[], labels: Label[], features: string[]) {
  const byCustomer = new Map(rows.map((r) => [r.customer_id, r] as const));
  const kept: FeatureRow[] = [];
  const y: number[] = [];
  for (const l of labels) {
    const row = byCustomer.get(l.customerId);
    if (!row) continue;
    kept.push(row);
    y.push(l.label);
  }
  return { X: buildFeatureMatrix(kept, features), y: Uint8Array.from(y), rows: kept.length, segments: kept.map(rfmSegment) };
}

/**
 * Training data for a propensity or churn model without leakage: features are computed as of a
 * cutoff one label window before the end of the data, labels come only from events after it. A
 * second snapshot one window earlier gives the out-of-time training set for the time split.
 */
export async function assembleClassifier(db: Db, task: "propensity" | "churn", params: ClassifierParams, onStage: (stage: string, fraction: number) => Promise<void>): Promise<AssembledData> {
  const end = await latestEventTime(db);
  if (!end) throw new AppError("PRECONDITION_FAILED", "There are no events to learn from yet: import data first");
  const window = params.labelWindowDays;
  const cutoff = new Date(end.getTime() - window * DAY_MS);
  const earlierCutoff = new Date(cutoff.getTime() - window * DAY_MS);
  const labelsFor = task === "churn" ? churnLabels : propensityLabels;
  const features = [...ALL_FEATURES];
  await onStage("Computing features as of the cutoff", 0.02);
  const latestRows = await featuresAsOf(db, cutoff);
  const latest = labelled(latestRows, await labelsFor(db, cutoff, window), features);
  await onStage("Computing features one window earlier", 0.08);
  const earlierRows = await featuresAsOf(db, earlierCutoff);
  const earlierSet = labelled(earlierRows, await labelsFor(db, earlierCutoff, window), features);
  return {
    input: { task, params, features, latest, earlier: earlierSet.rows > 0 ? { X: earlierSet.X, y: earlierSet.y, rows: earlierSet.rows } : null },
    rowCount: latest.rows,
    features,
    trainingCutoff: cutoff,
    labelWindowDays: window,
  };
}

async function liveFeatureRows(db: Db): Promise<FeatureRow[]> {
  const rows = await currentFeatures(db);
  if (rows.length === 0) throw new AppError("PRECONDITION_FAILED", "No customer features yet: refresh features first");
  return rows;
}

export async function assembleClusters(db: Db, task: "clusters" | "hierarchy", params: ClusterParams | HierarchyParams): Promise<AssembledData> {
  const rows = await liveFeatureRows(db);
  const features = [...CLUSTER_FEATURES];
  const X = buildFeatureMatrix(rows, features);
  const input: FitInput =
    task === "clusters"
      ? { task, params: params as ClusterParams, features, X, rows: rows.length }
      : { task, params: params as HierarchyParams, features, X, rows: rows.length };
  return { input, rowCount: rows.length, features, trainingCutoff: null, labelWindowDays: null };
}

export async function assembleBaskets(db: Db, params: BasketParams): Promise<AssembledData> {
  const end = (await latestEventTime(db)) ?? new Date();
  const baskets = await purchaseBaskets(db, end);
  return { input: { task: "baskets", params, baskets }, rowCount: baskets.length, features: ["products purchased"], trainingCutoff: end, labelWindowDays: null };
}

export async function assemble(db: Db, task: ModelTask, params: Record<string, unknown>, onStage: (stage: string, fraction: number) => Promise<void>): Promise<AssembledData> {
  switch (task) {
    case "propensity":
    case "churn":
      return assembleClassifier(db, task, params as ClassifierParams, onStage);
    case "clusters":
    case "hierarchy":
      await onStage("Reading customer features", 0.05);
      return assembleClusters(db, task, params as ClusterParams | HierarchyParams);
    case "baskets":
      await onStage("Reading purchase baskets", 0.05);
      return assembleBaskets(db, params as BasketParams);
  }
}
