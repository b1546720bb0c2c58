/**
 * Benjamini–Hochberg step-up adjustment: controls the false discovery rate rather than Holm's
 * family-wise error, so it keeps more power when many metrics are read at once and a few false
 * leads among the discoveries are acceptable. Matches scipy.stats.false_discovery_control(p, method="bh").
 */
import { definedAs, undefinedBecause, type Outcome } from "./outcome";

/** Adjusted p-values in the input order, or undefined when an input is not a probability. */
export function benjaminiHochberg(pValues: readonly number[]): Outcome<{ readonly adjusted: readonly number[] }> {
  if (!Array.isArray(pValues)) throw new RangeError("pValues must be an array of numbers");
  const outside = pValues.findIndex((p) => typeof p !== "number" || !(p >= 0 && p <= 1));
  if (outside >= 0) return undefinedBecause(`p-values must lie in [0, 1] (pValues[${outside}] = ${String(pValues[outside])}): adjustment undefined`);
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m).fill(0);
  let running = 1;
  // Walking down from the largest p, the running minimum is min over j ≥ i of m·p₍ⱼ₎/j: ties and
  // monotonicity follow from it, whatever order equal p-values were sorted in.
  for (let rank = m; rank >= 1; rank--) {
    const entry = order[rank - 1];
    if (entry === undefined) continue;
    running = Math.min(running, (m * entry.p) / rank);
    adjusted[entry.i] = running;
  }
  return definedAs({ adjusted });
}
