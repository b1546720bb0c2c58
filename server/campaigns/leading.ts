import type { ComparisonReadout } from "./readout.types";

/** The treatment most likely to beat control on the primary metric (the timeline's and an undecided verdict's arm). */
export function leadingTreatment(comparisons: readonly ComparisonReadout[]): ComparisonReadout | undefined {
  const prob = (c: ComparisonReadout) => (c.primary.probBeatBaseline.defined ? c.primary.probBeatBaseline.value : -1);
  return [...comparisons].sort((a, b) => prob(b) - prob(a))[0];
}
