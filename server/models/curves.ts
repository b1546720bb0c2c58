import type { Labels } from "../ml";

export interface CurvePoint {
  x: number;
  y: number;
  threshold: number;
}

/** Distinct-threshold operating points, highest score first (the shape both curves walk). */
function operatingPoints(y: Labels, scores: ArrayLike<number>) {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] === 1 ? 1 : 0;
  const negatives = y.length - positives;
  const points: Array<{ tp: number; fp: number; threshold: number }> = [];
  let tp = 0;
  let fp = 0;
  for (let t = 0; t < idx.length; ) {
    const threshold = scores[idx[t]!]!;
    while (t < idx.length && scores[idx[t]!] === threshold) {
      if (y[idx[t]!] === 1) tp++;
      else fp++;
      t++;
    }
    points.push({ tp, fp, threshold });
  }
  return { points, positives, negatives };
}

/** Keeps at most `max` evenly spaced points (always the first and last) so a chart stays light. */
function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]!);
}

/** ROC: false-positive rate (x) against true-positive rate (y), from (0,0) to (1,1). */
export function rocCurve(y: Labels, scores: ArrayLike<number>, max = 120): CurvePoint[] {
  const { points, positives, negatives } = operatingPoints(y, scores);
  const out: CurvePoint[] = [{ x: 0, y: 0, threshold: 1 }];
  for (const p of points) out.push({ x: negatives ? p.fp / negatives : 0, y: positives ? p.tp / positives : 0, threshold: p.threshold });
  return thin(out, max);
}

/** Precision-recall: recall (x) against precision (y). */
export function prCurve(y: Labels, scores: ArrayLike<number>, max = 120): CurvePoint[] {
  const { points, positives } = operatingPoints(y, scores);
  const out = points.map((p) => ({ x: positives ? p.tp / positives : 0, y: p.tp / Math.max(1, p.tp + p.fp), threshold: p.threshold }));
  return thin(out, max);
}

/** The threshold that maximises F1 on the given labels: used as the stored decision threshold. */
export function bestF1Threshold(y: Labels, scores: ArrayLike<number>): number {
  const { points, positives } = operatingPoints(y, scores);
  let best = 0.5;
  let bestF1 = -1;
  for (const p of points) {
    const f1 = (2 * p.tp) / Math.max(1, p.tp + p.fp + positives);
    if (f1 > bestF1) {
      bestF1 = f1;
      best = p.threshold;
    }
  }
  return best;
}
