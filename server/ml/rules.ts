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

/**
 * Every rule A → C with A ∪ C a frequent itemset and confidence ≥ minConfidence. Downward closure
 * guarantees A and C are themselves in the frequent list, so their supports are looked up, not recounted.
 */
export function associationRules(itemsets: readonly FrequentItemset[], minConfidence: number): AssociationRule[] {
  const support = new Map<string, number>();
  for (const s of itemsets) support.set(itemsetKey(s.items), s.support);
  const rules: AssociationRule[] = [];
  for (const s of itemsets) {
    const m = s.items.length;
    if (m < 2) continue;
    // Bit masks enumerate the non-empty proper subsets; itemsets are short (maxLength), so 2^m is small.
    for (let mask = 1; mask < (1 << m) - 1; mask++) {
      const antecedent = s.items.filter((_, i) => mask & (1 << i));
      const consequent = s.items.filter((_, i) => !(mask & (1 << i)));
      const confidence = s.support / support.get(itemsetKey(antecedent))!;
      if (confidence < minConfidence) continue;
      rules.push({ antecedent, consequent, support: s.support, confidence, lift: confidence / support.get(itemsetKey(consequent))! });
    }
  }
  return rules.sort((a, b) => b.lift - a.lift || b.confidence - a.confidence);
}
