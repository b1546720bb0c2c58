import { fitLogistic, fitStandardiser, fromRows, type Matrix, predictLogistic, selectRows as selectMatrixRows, transform } from "../ml";

export interface UpliftExample {
  features: readonly number[];
  treated: boolean;
  converted: boolean;
}

/**
 * T-learner: one logistic model on treated customers, one on control; a customer's uplift is the
 * difference of their two predicted conversion probabilities. Features are standardised on all
 * customers so both models see the same scale; L2 keeps small arms from overfitting.
 */
export function tLearner(examples: readonly UpliftExample[], options: { l2?: number } = {}): Float64Array {
  const X = fromRows(examples.map((e) => e.features));
  const scaler = fitStandardiser(X);
  const Z = transform(scaler, X);
  const treated = examples.flatMap((e, i) => (e.treated ? [i] : []));
  const control = examples.flatMap((e, i) => (e.treated ? [] : [i]));
  if (treated.length < 10 || control.length < 10) throw new RangeError("uplift needs at least 10 treated and 10 control customers");
  const fit = (indices: number[]) => {
    const y = Float64Array.from(indices, (i) => (examples[i]?.converted ? 1 : 0));
    return fitLogistic(selectMatrixRows(Z, indices), y, { l2: options.l2 ?? 1 });
  };
  const mT = fit(treated);
  const mC = fit(control);
  const pT = predictLogistic(mT, Z);
  const pC = predictLogistic(mC, Z);
  return Float64Array.from(pT, (p, i) => p - (pC[i] ?? 0));
}

export interface QiniPoint {
  fraction: number;
  qini: number;
  random: number;
}

/** Order of customers by descending predicted uplift (ties by index, so the curve is deterministic). */
export function upliftOrder(uplift: ArrayLike<number>): number[] {
  return Array.from({ length: uplift.length }, (_, i) => i).sort((a, b) => (uplift[b] ?? 0) - (uplift[a] ?? 0) || a - b);
}

/**
 * Qini curve: targeting the top k by predicted uplift gains Y_T(k) − Y_C(k)·N_T(k)/N_C(k)
 * incremental conversions; the random line joins (0, 0) to the full-population gain.
 */
export function qiniCurve(uplift: ArrayLike<number>, examples: readonly UpliftExample[], points = 20): { curve: QiniPoint[]; coefficient: number } {
  const order = upliftOrder(uplift);
  const n = order.length;
  let nt = 0;
  let nc = 0;
  let yt = 0;
  let yc = 0;
  const gains: number[] = [0];
  for (const i of order) {
    const e = examples[i];
    if (!e) continue;
    if (e.treated) {
      nt++;
      if (e.converted) yt++;
    } else {
      nc++;
      if (e.converted) yc++;
    }
    gains.push(nc > 0 ? yt - (yc * nt) / nc : yt);
  }
  const total = gains[n] ?? 0;
  const curve: QiniPoint[] = [];
  for (let p = 0; p <= points; p++) {
    const k = Math.round((p / points) * n);
    curve.push({ fraction: p / points, qini: gains[k] ?? 0, random: (total * k) / Math.max(1, n) });
  }
  // Area between the model curve and the random line, normalised by population size.
  let area = 0;
  for (let k = 1; k <= n; k++) area += (gains[k] ?? 0) - (total * k) / n;
  return { curve, coefficient: area / Math.max(1, n) / Math.max(1, n) };
}

export interface DecileRow {
  decile: number;
  n: number;
  meanPredicted: number;
  observedUplift: number | null;
}

/** Observed treated − control rate inside each decile of predicted uplift (decile 1 = highest). */
export function upliftByDecile(uplift: ArrayLike<number>, examples: readonly UpliftExample[]): DecileRow[] {
  const order = upliftOrder(uplift);
  const rows: DecileRow[] = [];
  for (let d = 0; d < 10; d++) {
    const slice = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    const t = slice.filter((i) => examples[i]?.treated);
    const c = slice.filter((i) => examples[i] && !examples[i].treated);
    const rate = (ix: number[]) => ix.filter((i) => examples[i]?.converted).length / ix.length;
    rows.push({
      decile: d + 1,
      n: slice.length,
      meanPredicted: slice.reduce((s, i) => s + (uplift[i] ?? 0), 0) / Math.max(1, slice.length),
      observedUplift: t.length > 0 && c.length > 0 ? rate(t) - rate(c) : null,
    });
  }
  return rows;
}

export type { Matrix };
