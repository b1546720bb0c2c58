export type Basket = readonly number[];

export interface FrequentItemset {
  /** Item ids, ascending. */
  readonly items: number[];
  readonly count: number;
  /** count / number of baskets. */
  readonly support: number;
}

export interface ItemsetOptions {
  /** Fraction of baskets an itemset must appear in. */
  readonly minSupport: number;
  readonly maxLength?: number;
  /** Stop with ItemsetLimitError once more itemsets than this are frequent (a runaway mine). */
  readonly maxItemsets?: number;
}

/**
 * Mining found more frequent itemsets than allowed: at this support nearly every combination of
 * items is "frequent" (few, large baskets), so the output would be useless and memory unbounded.
 */
export class ItemsetLimitError extends Error {
  constructor(readonly limit: number) {
    super(`More than ${limit.toLocaleString("en")} frequent itemsets`);
    this.name = "ItemsetLimitError";
  }
}

/** Smallest basket count meeting a fractional support, robust to 0.01 × 300 = 3.0000000000000004. */
export function minCount(minSupport: number, baskets: number): number {
  if (!(minSupport > 0 && minSupport <= 1)) throw new Error("minSupport must be in (0, 1]");
  return Math.max(1, Math.ceil(minSupport * baskets - 1e-9));
}

/** Each basket as sorted, de-duplicated ids: a basket that lists an item twice still counts once. */
export function normaliseBaskets(baskets: readonly Basket[]): number[][] {
  return baskets.map((b) => Array.from(new Set(b)).sort((x, y) => x - y));
}

export function itemsetKey(items: readonly number[]): string {
  return items.join(",");
}

/** Canonical order (length, then items) so two miners' outputs compare with toEqual. */
export function sortItemsets(sets: FrequentItemset[]): FrequentItemset[] {
  return sets.sort((a, b) => {
    if (a.items.length !== b.items.length) return a.items.length - b.items.length;
    for (let i = 0; i < a.items.length; i++) if (a.items[i] !== b.items[i]) return a.items[i]! - b.items[i]!;
    return 0;
  });
}
