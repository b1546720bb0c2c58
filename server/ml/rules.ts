import { type FrequentItemset, itemsetKey } from "./itemsets";

export interface AssociationRule {
  readonly antecedent: number[];
  readonly consequent: number[];
  /** Support of antecedent ∪ consequent. */
  readonly support: number;
  readonly confidence: number;
  /** confidence / support(consequent): > 1 means the items co-occur more than independence predicts. */
  readonly lift: number;
}

function compareIds(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Every rule A → C with A ∪ C a frequent itemset and confidence ≥ minConfidence. Downward closure
 * guarantees A and C are themselves in the frequent list, so their counts are looked up, not
 * recounted. Confidence and lift come from the integer counts, not from ratios of floating
 * supports: 1/5 as counts is exactly the double 0.2, so a rule at the threshold is kept, and rules
 * of equal lift compare equal and fall to a stable order (confidence, support, then item ids).
 */
export function associationRules(itemsets: readonly FrequentItemset[], minConfidence: number): AssociationRule[] {
  const count = new Map<string, number>();
  for (const s of itemsets) count.set(itemsetKey(s.items), s.count);
  const first = itemsets.find((s) => s.support > 0);
  const baskets = first ? Math.round(first.count / first.support) : 0;
  const rules: AssociationRule[] = [];
  for (const s of itemsets) {
    const m = s.items.length;
    if (m < 2) continue;
    // Bit masks enumerate the non-empty proper subsets; itemsets are short (maxLength), so 2^m is small.
    for (let mask = 1; mask < (1 << m) - 1; mask++) {
      const antecedent = s.items.filter((_, i) => mask & (1 << i));
      const consequent = s.items.filter((_, i) => !(mask & (1 << i)));
      const antecedentCount = count.get(itemsetKey(antecedent))!;
      const confidence = s.count / antecedentCount;
      if (confidence < minConfidence) continue;
      const lift = (s.count * baskets) / (antecedentCount * count.get(itemsetKey(consequent))!);
      rules.push({ antecedent, consequent, support: s.support, confidence, lift });
    }
  }
  return rules.sort(
    (a, b) =>
      b.lift - a.lift ||
      b.confidence - a.confidence ||
      b.support - a.support ||
      compareIds(a.antecedent, b.antecedent) ||
      compareIds(a.consequent, b.consequent),
  );
}
