import { FpTree, mine } from "./fptree";
import { type Basket, type FrequentItemset, ItemsetLimitError, type ItemsetOptions, minCount, sortItemsets } from "./itemsets";
import { type RankedTransactions, rankTransactions } from "./ranked-transactions";

/** Pair counters (4 bytes each) held at once; 4M = 16 MB covers ~2,900 frequent items in one block. */
const PAIR_BUDGET = 1 << 22;

/**
 * FP-growth (Han et al.): for each frequent item, its conditional pattern base (the higher-ranked
 * items bought with it) is compressed into a conditional FP-tree, which is mined recursively
 * without candidate generation.
 *
 * The first level reads the conditional pattern bases straight from the rank-coded transactions
 * (the items before r in each transaction holding r) instead of from a global FP-tree: on many
 * short baskets over a few hundred items the global tree barely compresses, and chasing its parent
 * pointers costs far more than two passes over flat arrays (measured: 0.96 M tree nodes for 1.66 M
 * items on the 200k-basket benchmark). The first pass counts every pair (which items are frequent
 * in each base), the second cuts each base to its frequent items, which are then inserted into the
 * first-level conditional trees. Deeper levels run on conditional trees (./fptree).
 */
export function fpgrowth(baskets: readonly Basket[], options: ItemsetOptions): FrequentItemset[] {
  return fpgrowthWithPairBudget(baskets, options, PAIR_BUDGET);
}

/**
 * FP-growth holding at most `pairBudget` pair counters at once: the first level runs in blocks of
 * ranks, one pair of passes each. Exported so tests can force many blocks on small inputs.
 */
export function fpgrowthWithPairBudget(baskets: readonly Basket[], options: ItemsetOptions, pairBudget: number): FrequentItemset[] {
  const n = baskets.length;
  const threshold = minCount(options.minSupport, n);
  const maxLength = options.maxLength ?? Infinity;
  const data = rankTransactions(baskets, threshold);
  const out: FrequentItemset[] = [];
  const suffix: number[] = [];
  const limit = options.maxItemsets ?? Infinity;
  const emit = (count: number): void => {
    if (out.length >= limit) throw new ItemsetLimitError(limit);
    const items = suffix.map((r) => data.original[r]!).sort((a, b) => a - b);
    out.push({ items, count, support: count / n });
  };
  const m = data.support.length;
  for (let r = 0; r < m; r++) {
    suffix.push(r);
    emit(data.support[r]!);
    suffix.pop();
  }
  if (maxLength >= 2) {
    // Rank r's base holds ranks below r: r counters. Rank 0's base is empty.
    for (let lo = 1, hi: number; lo < m; lo = hi) {
      let entries = lo;
      for (hi = lo + 1; hi < m && entries + hi <= pairBudget; hi++) entries += hi;
      mineRanks(data, lo, hi, entries, suffix, threshold, maxLength, emit);
    }
  }
  return sortItemsets(out);
}

/** Every frequent itemset of two or more items whose least frequent item has a rank in [lo, hi). */
function mineRanks(
  data: RankedTransactions,
  lo: number,
  hi: number,
  entries: number,
  suffix: number[],
  threshold: number,
  maxLength: number,
  emit: (count: number) => void,
): void {
  const { items, start, count } = data;
  // pairs[row[r - lo] + q]: baskets holding both q and r, for q < r. Counts are whole baskets.
  const row = new Int32Array(hi - lo);
  for (let r = lo + 1; r < hi; r++) row[r - lo] = row[r - lo - 1]! + r - 1;
  const pairs = new Int32Array(entries);
  // Transactions holding each rank after its first position (those with a non-empty base).
  const holding = new Int32Array(hi - lo);
  for (let t = 0; t < count; t++) {
    const s = start[t]!;
    const e = start[t + 1]!;
    for (let i = s + 1; i < e; i++) {
      const r = items[i]!;
      // Ranks ascend within a transaction.
      if (r < lo) continue;
      if (r >= hi) break;
      holding[r - lo]!++;
      const base = row[r - lo]!;
      for (let k = s; k < i; k++) pairs[base + items[k]!]!++;
    }
  }

  // A base with F <= 31 frequent items is cut to a bit mask (bitOf[row + q] = bit of q, 0 when q
  // is not frequent), collected per rank, counted in a hash table, and each distinct one is
  // inserted once with its multiplicity: far fewer tree insertions, as the first levels of
  // the benchmark see the same few combinations of top items again and again. Wider bases (F > 31)
  // are inserted into their tree path by path.
  const bitOf = new Int32Array(entries);
  const partners = new Int32Array(hi);
  const trees: (FpTree | undefined)[] = new Array<FpTree | undefined>(hi - lo);
  // The highest frequent rank in each base that needs a tree (-1: none); scanning stops past it.
  const last = new Int32Array(hi - lo).fill(-1);
  // Where each masked rank's masks go in `masks` (-1: the rank inserts paths, or has no tree).
  const maskFrom = new Int32Array(hi - lo).fill(-1);
  let maskCount = 0;
  for (let r = lo; r < hi; r++) {
    const base = row[r - lo]!;
    let frequent = 0;
    for (let q = 0; q < r; q++) {
      if (pairs[base + q]! >= threshold) {
        if (frequent < 31) bitOf[base + q] = 1 << frequent;
        frequent++;
        last[r - lo] = q;
      }
    }
    if (frequent === 1) {
      // One frequent item in the base: the conditional tree would be a one-node path.
      const q = last[r - lo]!;
      suffix.push(r, q);
      emit(pairs[base + q]!);
      suffix.length -= 2;
      last[r - lo] = -1;
    } else if (frequent > 1 && frequent <= 31) {
      maskFrom[r - lo] = maskCount;
      maskCount += holding[r - lo]!;
    } else if (frequent > 31) {
      // A first guess; the tree grows as needed.
      trees[r - lo] = new FpTree(r, 1024);
    }
  }

  const masks = new Int32Array(maskCount);
  let widest = 0;
  for (let r = lo; r < hi; r++) if (maskFrom[r - lo]! >= 0) widest = Math.max(widest, holding[r - lo]!);
  const keys = new Int32Array(tableSize(widest));
  const multiplicity = new Int32Array(keys.length);
  const maskFill = maskFrom.slice();
  const path = new Int32Array(hi);
  // Each basket counts once: transactions are not merged (7.6% duplicates on the benchmark's
  // baskets, too few to pay for hashing them).
  for (let t = 0; t < count; t++) {
    const s = start[t]!;
    const e = start[t + 1]!;
    for (let i = s + 1; i < e; i++) {
      const r = items[i]!;
      if (r < lo) continue;
      if (r >= hi) break;
      const stop = last[r - lo]!;
      if (stop < 0) continue;
      const base = row[r - lo]!;
      if (maskFrom[r - lo]! >= 0) {
        let mask = 0;
        for (let k = s; k < i; k++) {
          const q = items[k]!;
          if (q > stop) break;
          mask |= bitOf[base + q]!;
        }
        if (mask !== 0) masks[maskFill[r - lo]!++] = mask;
      } else {
        let len = 0;
        for (let k = s; k < i; k++) {
          const q = items[k]!;
          if (q > stop) break;
          if (pairs[base + q]! >= threshold) path[len++] = q;
        }
        if (len > 0) trees[r - lo]!.insert(path, 0, len, 1);
      }
    }
  }

  for (let r = lo; r < hi; r++) {
    if (last[r - lo]! < 0) continue;
    let tree = trees[r - lo];
    if (tree === undefined) {
      let f = 0;
      for (let q = 0; q < r; q++) if (bitOf[row[r - lo]! + q] !== 0) partners[f++] = q;
      // Count each distinct mask in an open-addressing table (key 0 = empty: masks are non-zero).
      const from = maskFrom[r - lo]!;
      const to = maskFill[r - lo]!;
      const mask = tableSize(Math.min(to - from, 2 ** f)) - 1;
      keys.fill(0, 0, mask + 1);
      for (let j = from; j < to; j++) {
        const key = masks[j]!;
        let h = Math.imul(key, 0x9e3779b1) & mask;
        while (keys[h] !== 0 && keys[h] !== key) h = (h + 1) & mask;
        if (keys[h] === 0) {
          keys[h] = key;
          multiplicity[h] = 0;
        }
        multiplicity[h]!++;
      }
      // Each node is one item of one distinct mask, and no two nodes share a root path (< 2^F).
      let stored = 0;
      for (let h = 0; h <= mask; h++) stored += popcount(keys[h]!);
      tree = new FpTree(r, Math.min(stored, 2 ** f - 1));
      for (let h = 0; h <= mask; h++) {
        if (keys[h] === 0) continue;
        // Low bits are low ranks, so reading bits upwards gives an ascending path.
        let len = 0;
        for (let rest = keys[h]!; rest !== 0; rest &= rest - 1) path[len++] = partners[31 - Math.clz32(rest & -rest)]!;
        tree.insert(path, 0, len, multiplicity[h]!);
      }
    }
    suffix.push(r);
    mine(tree, suffix, threshold, maxLength, emit);
    suffix.pop();
    trees[r - lo] = undefined;
  }
}

/** A power of two at least twice `entries`, so linear probing stays short. */
function tableSize(entries: number): number {
  let size = 16;
  while (size < 2 * entries) size *= 2;
  return size;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
