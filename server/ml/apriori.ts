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
  // Vertical layout: one bit per basket for each item, so a candidate's count is the popcount of
  // the AND of its items' bitsets (same count as testing every basket, far fewer operations).
  const words = Math.ceil(n / 32);
  const bits = new Map<number, Uint32Array>();
  data.forEach((basket, b) => {
    for (const item of basket) {
      let set = bits.get(item);
      if (!set) bits.set(item, (set = new Uint32Array(words)));
      set[b >>> 5]! |= 1 << (b & 31);
    }
  });
  const support = (candidate: number[]): number => {
    const sets = candidate.map((item) => bits.get(item)!);
    let count = 0;
    for (let w = 0; w < words; w++) {
      let x = 0xffffffff;
      for (const set of sets) x &= set[w]!;
      count += popcount(x >>> 0);
    }
    return count;
  };
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
      const count = support(candidate);
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

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
