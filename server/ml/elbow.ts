import { kmeans } from "./kmeans";
import type { Matrix } from "./matrix";
import { silhouetteScore } from "./silhouette";

export interface KScanEntry {
  readonly k: number;
  readonly inertia: number;
  readonly silhouette: number;
}

export interface KScanOptions {
  readonly seed?: number;
  readonly restarts?: number;
  readonly silhouetteSample?: number;
}

/** Fits k-means for every k in [kMin, kMax] and records inertia (elbow) and silhouette. */
export function scanK(X: Matrix, kMin: number, kMax: number, options: KScanOptions = {}): KScanEntry[] {
  const out: KScanEntry[] = [];
  for (let k = Math.max(2, kMin); k <= kMax; k++) {
    const fit = kmeans(X, { k, seed: options.seed ?? 0, restarts: options.restarts ?? 3 });
    const silhouette = silhouetteScore(X, fit.labels, { sampleSize: options.silhouetteSample ?? 1000, seed: options.seed ?? 0 });
    out.push({ k, inertia: fit.inertia, silhouette });
  }
  return out;
}

export function bestBySilhouette(scan: readonly KScanEntry[]): number {
  if (scan.length === 0) throw new Error("empty scan");
  return scan.reduce((best, e) => (e.silhouette > best.silhouette ? e : best)).k;
}

/**
 * Elbow by the "kneedle" chord rule: the k whose (normalised) inertia lies furthest below the
 * straight line joining the first and last points of the curve.
 */
export function elbowK(scan: readonly KScanEntry[]): number {
  if (scan.length < 3) return scan[0]?.k ?? 0;
  const first = scan[0]!;
  const last = scan[scan.length - 1]!;
  const spanK = last.k - first.k;
  const spanI = first.inertia - last.inertia || 1;
  let bestK = first.k;
  let bestGap = -Infinity;
  for (const e of scan) {
    const x = (e.k - first.k) / spanK;
    const y = (first.inertia - e.inertia) / spanI;
    if (y - x > bestGap) {
      bestGap = y - x;
      bestK = e.k;
    }
  }
  return bestK;
}
