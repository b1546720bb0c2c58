import { type Basket, type FrequentItemset, type ItemsetOptions, minCount, normaliseBaskets, sortItemsets } from "./itemsets";

interface FpNode {
  readonly item: number;
  count: number;
  readonly parent: FpNode | null;
  readonly children: Map<number, FpNode>;
}

/** A weighted transaction: a prefix path of a conditional pattern base, or a basket with weight 1. */
interface Weighted {
  readonly items: number[];
  readonly weight: number;
}

/**
 * FP-growth (Han et al.): baskets are compressed into a prefix tree ordered by descending item
 * frequency, then mined recursively from conditional pattern bases without candidate generation.
 */
export function fpgrowth(baskets: readonly Basket[], options: ItemsetOptions): FrequentItemset[] {
  const data = normaliseBaskets(baskets);
  const n = data.length;
  const threshold = minCount(options.minSupport, n);
  const out: FrequentItemset[] = [];
  mine(
    data.map((items) => ({ items, weight: 1 })),
    [],
    threshold,
    options.maxLength ?? Infinity,
    (items, count) => out.push({ items: [...items].sort((a, b) => a - b), count, support: count / n }),
  );
  return sortItemsets(out);
}

function mine(
  transactions: Weighted[],
  suffix: number[],
  threshold: number,
  maxLength: number,
  emit: (items: number[], count: number) => void,
): void {
  const counts = new Map<number, number>();
  for (const t of transactions) for (const item of t.items) counts.set(item, (counts.get(item) ?? 0) + t.weight);
  // Descending frequency (ties by id) maximises shared prefixes, which keeps the tree small.
  const rank = new Map<number, number>();
  const frequent = [...counts].filter(([, c]) => c >= threshold).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  frequent.forEach(([item], i) => rank.set(item, i));
  if (frequent.length === 0) return;

  const header = new Map<number, FpNode[]>();
  const root: FpNode = { item: -1, count: 0, parent: null, children: new Map() };
  for (const t of transactions) {
    const path = t.items.filter((item) => rank.has(item)).sort((a, b) => rank.get(a)! - rank.get(b)!);
    let node = root;
    for (const item of path) {
      let child = node.children.get(item);
      if (!child) {
        child = { item, count: 0, parent: node, children: new Map() };
        node.children.set(item, child);
        const list = header.get(item);
        if (list) list.push(child);
        else header.set(item, [child]);
      }
      child.count += t.weight;
      node = child;
    }
  }

  // Least frequent first, as in the paper; each item's conditional base holds only higher-ranked items.
  for (let r = frequent.length - 1; r >= 0; r--) {
    const [item, count] = frequent[r]!;
    const itemset = [...suffix, item];
    emit(itemset, count);
    if (itemset.length >= maxLength) continue;
    const base: Weighted[] = [];
    for (const node of header.get(item) ?? []) {
      const items: number[] = [];
      for (let p = node.parent; p && p.parent; p = p.parent) items.push(p.item);
      if (items.length > 0) base.push({ items, weight: node.count });
    }
    if (base.length > 0) mine(base, itemset, threshold, maxLength, emit);
  }
}
