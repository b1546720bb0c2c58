import { applyCaps, fitCaps, type Matrix, type OutlierCaps } from "../ml";
import { capPercentile, type CapOutliers } from "../../lib/shared/models.schemas";
import { isCappable } from "./feature-columns";

/** What the run's metrics say about capping: the percentile, and per capped feature its cap and how many training values it clipped. */
export interface CapReport {
  percentile: number;
  rows: number;
  features: Array<{ feature: string; cap: number; capped: number }>;
}

/**
 * Training side of outlier capping: learns caps on these rows (per the run's setting) and clips
 * them. With the setting off, or nothing to cap, the matrix comes back as it was and caps are null.
 */
export function capForTraining(features: readonly string[], X: Matrix, setting: CapOutliers | undefined): { X: Matrix; caps: OutlierCaps | null; report: CapReport | null } {
  const percentile = capPercentile(setting);
  if (percentile === null || X.rows === 0) return { X, caps: null, report: null };
  const caps = fitCaps(X, percentile, features.map(isCappable));
  const applied = applyCaps(caps, X);
  const report: CapReport = {
    percentile,
    rows: X.rows,
    features: features.flatMap((feature, j) => {
      const cap = caps.upper[j];
      return cap === null || cap === undefined ? [] : [{ feature, cap, capped: applied.capped[j]! }];
    }),
  };
  return { X: applied.X, caps, report };
}

/** Scoring side: clips new rows with the caps stored at training (none stored: unchanged). */
export function capForScoring(caps: OutlierCaps | null | undefined, X: Matrix): Matrix {
  return caps ? applyCaps(caps, X).X : X;
}
