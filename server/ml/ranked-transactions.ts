import type { Basket } from "./itemsets";

/**
 * Baskets re-coded for FP-growth: only frequent items, each renumbered by rank (0 = most frequent,
 * ties by item id), a basket's ranks ascending and de-duplicated, all transactions back to back in
 * one typed array. Baskets left empty are dropped: they hold no itemset.
 */
export interface RankedTransactions {
  /** Transaction t is items[start[t] .. start[t + 1]). */
  readonly items: Int32Array;
  readonly start: Int32Array;
  /** Number of non-empty transactions. */
  readonly count: number;
  /** Basket count of each rank (ascending ranks, so non-increasing). */
  readonly support: Float64Array;
  /** The caller's item id of each rank. */
  readonly original: Float64Array;
}

export function rankTransactions(baskets: readonly Basket[], threshold: number): RankedTransactions {
  const n = baskets.length;
  const { rows, idCount, originals, total } = smallIds(baskets);
  const originalOf = (id: number): number => (originals === undefined ? id : originals[id]!);

  // Basket-level support of each item: a basket listing an item twice counts once.
  const itemSupport = new Int32Array(idCount);
  const stamp = new Int32Array(idCount).fill(-1);
  for (let b = 0; b < n; b++) {
    const row = rows[b]!;
    for (let t = 0; t < row.length; t++) {
      const id = row[t]!;
      if (stamp[id] !== b) {
        stamp[id] = b;
        itemSupport[id]!++;
      }
    }
  }
  const frequent: number[] = [];
  for (let id = 0; id < idCount; id++) if (itemSupport[id]! >= threshold) frequent.push(id);
  // Descending frequency maximises shared prefixes, which keeps the trees small.
  frequent.sort((a, b) => itemSupport[b]! - itemSupport[a]! || originalOf(a) - originalOf(b));
  const m = frequent.length;
  const rankOf = new Int32Array(idCount).fill(-1);
  const original = new Float64Array(m);
  const support = new Float64Array(m);
  frequent.forEach((id, r) => {
    rankOf[id] = r;
    original[r] = originalOf(id);
    support[r] = itemSupport[id]!;
  });

  const items = new Int32Array(total);
  const start = new Int32Array(n + 1);
  let count = 0;
  let end = 0;
  stamp.fill(-1);
  for (let b = 0; b < n; b++) {
    const row = rows[b]!;
    const from = end;
    for (let t = 0; t < row.length; t++) {
      const id = row[t]!;
      const r = rankOf[id]!;
      if (r < 0 || stamp[id] === b) continue;
      stamp[id] = b;
      // Insertion sort: baskets are short.
      let p = end++;
      while (p > from && items[p - 1]! > r) {
        items[p] = items[p - 1]!;
        p--;
      }
      items[p] = r;
    }
    if (end > from) start[++count] = end;
  }
  return { items, start: start.subarray(0, count + 1), count, support, original };
}

/** Largest item id used as an array index directly; beyond it (or for non-integers) ids are renumbered. */
const MAX_DIRECT_ID = 1 << 20;

/**
 * Item ids fit to index typed arrays: small non-negative integers are used as they are (no copy),
 * anything else is renumbered 0..k-1 in order of appearance, `originals` mapping back.
 */
function smallIds(baskets: readonly Basket[]): { rows: readonly Basket[]; idCount: number; originals: Float64Array | undefined; total: number } {
  let small = true;
  let maxId = -1;
  let total = 0;
  for (const b of baskets) {
    total += b.length;
    for (let t = 0; small && t < b.length; t++) {
      const v = b[t]!;
      if (!(Number.isInteger(v) && v >= 0 && v < MAX_DIRECT_ID)) small = false;
      else if (v > maxId) maxId = v;
    }
  }
  if (small) return { rows: baskets, idCount: maxId + 1, originals: undefined, total };
  const ids = new Map<number, number>();
  const originals: number[] = [];
  const rows = baskets.map((b) =>
    b.map((v) => {
      let id = ids.get(v);
      if (id === undefined) {
        id = originals.length;
        ids.set(v, id);
        originals.push(v);
      }
      return id;
    }),
  );
  return { rows, idCount: originals.length, originals: Float64Array.from(originals), total };
}
