import { type Basket, type FrequentItemset, type ItemsetOptions, itemsetKey, minCount, normaliseBaskets, sortItemsets } from "./itemsets";

/**
 * Level-wise Apriori: the slow, obviously-correct reference FP-growth is checked against.
 * Candidates of length k+1 join two frequent k-itemsets sharing a (k-1)-prefix and are kept only
 * if every k-subset is frequent.
 */
export function apriori(baskets: readonly Basket[], options: ItemsetOptions): FrequentItemset[] {
  const data = normaliseBaskets(baskets);
  const n = data.length;
  const threshold = minCount(options.minSupport, n);
  const maxLength = options.maxLength ?? Infinity;
  const counts = new Map<number, number>();
  for (const b of data) for (const item of b) counts.set(item, (counts.get(item) ?? 0) + 1);
  let level: number[][] = [...counts].filter(([, c]) => c >= threshold).map(([item]) => [item]).sort((a, b) => a[0]! - b[0]!);
  const out: FrequentItemset[] = level.map((items) => ({ items, count: counts.get(items[0]!)!, support: counts.get(items[0]!)! / n }));
  const sets = data.map((b) => new Set(b));
  for (let length = 2; length <= maxLength && level.length > 1; length++) {
    const known = new Set(level.map(itemsetKey));
    const candidates: number[][] = [];
    for (let i = 0; i < level.length; i++) {
      for (let j = i + 1; j < level.length; j++) {
        const a = level[i]!;
        const b = level[j]!;
        if (!samePrefix(a, b)) break;
        const candidate = [...a, b[b.length - 1]!];
        if (allSubsetsFrequent(candidate, known)) candidates.push(candidate);
      }
    }
    const next: number[][] = [];
    for (const candidate of candidates) {
      let count = 0;
      for (const s of sets) if (candidate.every((item) => s.has(item))) count++;
      if (count >= threshold) {
        next.push(candidate);
        out.push({ items: candidate, count, support: count / n });
      }
    }
    level = next;
  }
  return sortItemsets(out);
}

function samePrefix(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return false;
  return true;
}

function allSubsetsFrequent(candidate: number[], known: Set<string>): boolean {
  for (let drop = 0; drop < candidate.length - 2; drop++) {
    if (!known.has(itemsetKey(candidate.filter((_, i) => i !== drop)))) return false;
  }
  return true;
}
