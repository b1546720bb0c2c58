/**
 * Holm–Bonferroni step-down adjustment for several metrics or arms read at once. Uniformly more
 * powerful than Bonferroni and still controls the family-wise error rate without assumptions
 * about dependence between the tests.
 */
import { assertUnit } from "./validate";

/** Adjusted p-values, returned in the input order. */
export function holmAdjust(pValues: readonly number[]): number[] {
  if (!Array.isArray(pValues)) throw new RangeError("pValues must be an array of numbers");
  pValues.forEach((p, i) => assertUnit(`pValues[${i}]`, p));
  const m = pValues.length;
  // Stable sort keeps ties in input order, so results do not depend on the engine's sort.
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p || x.i - y.i);
  const adjusted = new Array<number>(m).fill(0);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    // The running max makes the sequence monotone: a smaller raw p never gets a larger adjusted p.
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
