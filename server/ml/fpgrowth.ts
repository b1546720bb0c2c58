import { type Basket, type FrequentItemset, type ItemsetOptions, minCount, sortItemsets } from "./itemsets";

/**
 * FP-growth (Han et al.): baskets are compressed into a prefix tree ordered by descending item
 * frequency, then mined recursively from conditional pattern bases without candidate generation.
 *
 * Everything runs on integers: items are renumbered by rank (0 = most frequent), and every tree,
 * the main one and each conditional one, is a set of flat typed arrays (item, count, parent) with
 * an open-addressing hash from (parent, item) to child. Conditional trees keep the global rank
 * order, so a path read upwards from a node is already sorted and needs no re-sorting. A tree
 * that is a single path is finished without recursion: every subset of the path is frequent.
 */
export function fpgrowth(baskets: readonly Basket[], options: ItemsetOptions): FrequentItemset[] {
  const n = baskets.length;
  const threshold = minCount(options.minSupport, n);
  const maxLength = options.maxLength ?? Infinity;
  const dense = denseIds(baskets);
  const m0 = dense.originals.length;

  // Basket-level support of each item: a basket listing an item twice counts once.
  const support = new Float64Array(m0);
  const stamp = new Int32Array(m0).fill(-1);
  for (let b = 0; b < n; b++) {
    const ids = dense.ids[b]!;
    for (let t = 0; t < ids.length; t++) {
      const id = ids[t]!;
      if (stamp[id] !== b) {
        stamp[id] = b;
        support[id]!++;
      }
    }
  }
  const frequent: number[] = [];
  for (let id = 0; id < m0; id++) if (support[id]! >= threshold) frequent.push(id);
  // Descending frequency (ties by original id) maximises shared prefixes, which keeps the tree small.
  frequent.sort((a, b) => support[b]! - support[a]! || dense.originals[a]! - dense.originals[b]!);
  const m = frequent.length;
  if (m === 0) return [];
  const rankOf = new Int32Array(m0).fill(-1);
  const original = new Float64Array(m);
  frequent.forEach((id, r) => {
    rankOf[id] = r;
    original[r] = dense.originals[id]!;
  });

  let totalItems = 0;
  for (const ids of dense.ids) totalItems += ids.length;
  const tree = new FpTree(m, totalItems);
  const path = new Int32Array(m);
  stamp.fill(-1);
  for (let b = 0; b < n; b++) {
    const ids = dense.ids[b]!;
    let len = 0;
    for (let t = 0; t < ids.length; t++) {
      const id = ids[t]!;
      const r = rankOf[id]!;
      if (r < 0 || stamp[id] === b) continue;
      stamp[id] = b;
      // Insertion sort: baskets are short.
      let p = len++;
      while (p > 0 && path[p - 1]! > r) {
        path[p] = path[p - 1]!;
        p--;
      }
      path[p] = r;
    }
    if (len > 0) tree.insert(path, len, 1);
  }

  const out: FrequentItemset[] = [];
  const suffix: number[] = [];
  const emit = (count: number): void => {
    const items = suffix.map((r) => original[r]!).sort((a, b) => a - b);
    out.push({ items, count, support: count / n });
  };
  mine(tree, suffix, threshold, maxLength, emit);
  return sortItemsets(out);
}

/** Dense ids 0..m-1 for arbitrary numeric item ids, with a typed-array fast path for small integers. */
function denseIds(baskets: readonly Basket[]): { ids: Int32Array[]; originals: Float64Array } {
  let small = true;
  let maxId = -1;
  for (const b of baskets) {
    for (let t = 0; t < b.length; t++) {
      const v = b[t]!;
      if (!(Number.isInteger(v) && v >= 0 && v < 1 << 24)) small = false;
      else if (v > maxId) maxId = v;
    }
    if (!small) break;
  }
  const ids: Int32Array[] = new Array<Int32Array>(baskets.length);
  const originals: number[] = [];
  if (small) {
    const map = new Int32Array(maxId + 1).fill(-1);
    for (let b = 0; b < baskets.length; b++) {
      const basket = baskets[b]!;
      const out = new Int32Array(basket.length);
      for (let t = 0; t < basket.length; t++) {
        const v = basket[t]!;
        let id = map[v]!;
        if (id < 0) {
          id = map[v] = originals.length;
          originals.push(v);
        }
        out[t] = id;
      }
      ids[b] = out;
    }
  } else {
    const map = new Map<number, number>();
    for (let b = 0; b < baskets.length; b++) {
      const basket = baskets[b]!;
      const out = new Int32Array(basket.length);
      for (let t = 0; t < basket.length; t++) {
        const v = basket[t]!;
        let id = map.get(v);
        if (id === undefined) {
          id = originals.length;
          map.set(v, id);
          originals.push(v);
        }
        out[t] = id;
      }
      ids[b] = out;
    }
  }
  return { ids, originals: Float64Array.from(originals) };
}

/** A prefix tree in flat arrays; node 0 is the root. Items are ranks in [0, m). */
class FpTree {
  size = 1;
  item: Int32Array;
  count: Float64Array;
  parent: Int32Array;
  /** Open-addressing table: slot -> child node (0 = empty); the key is (parent[child], item[child]). */
  private slots: Int32Array;
  private mask: number;
  /** Per item, the summed count of its nodes (the item's support in this tree). */
  readonly itemCount: Float64Array;

  constructor(
    readonly m: number,
    capacity: number,
  ) {
    const cap = Math.max(2, capacity + 1);
    this.item = new Int32Array(cap);
    this.count = new Float64Array(cap);
    this.parent = new Int32Array(cap);
    let slots = 16;
    while (slots < cap * 2) slots *= 2;
    this.slots = new Int32Array(slots);
    this.mask = slots - 1;
    this.itemCount = new Float64Array(m);
    this.item[0] = -1;
    this.parent[0] = -1;
  }

  /** Adds a path of ascending ranks with a weight. */
  insert(path: Int32Array, len: number, weight: number): void {
    let node = 0;
    for (let t = 0; t < len; t++) {
      const it = path[t]!;
      let h = (Math.imul(node, 0x9e3779b1) ^ Math.imul(it + 1, 0x85ebca77)) & this.mask;
      let child = 0;
      for (;;) {
        const c = this.slots[h]!;
        if (c === 0) break;
        if (this.parent[c] === node && this.item[c] === it) {
          child = c;
          break;
        }
        h = (h + 1) & this.mask;
      }
      if (child === 0) {
        child = this.size++;
        this.item[child] = it;
        this.parent[child] = node;
        this.slots[h] = child;
      }
      this.count[child]! += weight;
      this.itemCount[it]! += weight;
      node = child;
    }
  }

  /** True when no node has two children, i.e. the tree is one path from the root. */
  isSinglePath(): boolean {
    for (let v = 1; v < this.size; v++) if (this.parent[v] !== v - 1) return false;
    return true;
  }

  /** Nodes grouped by item (counting sort): nodes of item r are order[start[r] .. start[r + 1]). */
  nodesByItem(): { order: Int32Array; start: Int32Array } {
    const start = new Int32Array(this.m + 1);
    for (let v = 1; v < this.size; v++) start[this.item[v]! + 1]!++;
    for (let r = 0; r < this.m; r++) start[r + 1]! += start[r]!;
    const fill = start.slice(0, this.m);
    const order = new Int32Array(this.size - 1);
    for (let v = 1; v < this.size; v++) order[fill[this.item[v]!]!++] = v;
    return { order, start };
  }
}

function mine(tree: FpTree, suffix: number[], threshold: number, maxLength: number, emit: (count: number) => void): void {
  const { m } = tree;
  if (tree.isSinglePath()) {
    minePath(tree, suffix, maxLength, emit);
    return;
  }
  const { order, start } = tree.nodesByItem();
  const condCount = new Float64Array(m);
  const path = new Int32Array(m);
  // Marks ancestors already counted for the current item (generation = item + 1).
  const seen = new Int32Array(tree.size);
  // Least frequent first, as in the paper; each item's conditional base holds only higher-ranked items.
  for (let r = m - 1; r >= 0; r--) {
    const total = tree.itemCount[r]!;
    if (total < threshold) continue;
    suffix.push(r);
    emit(total);
    if (suffix.length < maxLength && r > 0) {
      condCount.fill(0, 0, r);
      // Distinct ancestors bound the conditional tree's size: each maps to at most one of its nodes.
      let ancestors = 0;
      for (let k = start[r]!; k < start[r + 1]!; k++) {
        const v = order[k]!;
        const w = tree.count[v]!;
        for (let p = tree.parent[v]!; p > 0; p = tree.parent[p]!) {
          condCount[tree.item[p]!]! += w;
          if (seen[p] !== r + 1) {
            seen[p] = r + 1;
            ancestors++;
          }
        }
      }
      let frequentCond = 0;
      let only = -1;
      for (let q = 0; q < r; q++) {
        if (condCount[q]! >= threshold) {
          frequentCond++;
          only = q;
        }
      }
      if (frequentCond === 1) {
        // One frequent item in the base: the conditional tree would be a one-node path.
        suffix.push(only);
        emit(condCount[only]!);
        suffix.pop();
      } else if (frequentCond > 1) {
        const cond = new FpTree(r, ancestors);
        for (let k = start[r]!; k < start[r + 1]!; k++) {
          const v = order[k]!;
          // Walking up yields descending ranks; fill the path from the back to keep it ascending.
          let len = 0;
          for (let p = tree.parent[v]!; p > 0; p = tree.parent[p]!) if (condCount[tree.item[p]!]! >= threshold) len++;
          if (len === 0) continue;
          let pos = len;
          for (let p = tree.parent[v]!; p > 0; p = tree.parent[p]!) {
            const it = tree.item[p]!;
            if (condCount[it]! >= threshold) path[--pos] = it;
          }
          cond.insert(path, len, tree.count[v]!);
        }
        mine(cond, suffix, threshold, maxLength, emit);
      }
    }
    suffix.pop();
  }
}

/**
 * A single path's frequent itemsets are all non-empty subsets of its nodes; a subset's count is
 * the count of its deepest node (counts only shrink downwards). Only frequent nodes are ever
 * inserted into conditional trees, and the main tree holds only frequent items, so every node
 * qualifies.
 */
function minePath(tree: FpTree, suffix: number[], maxLength: number, emit: (count: number) => void): void {
  const nodes = tree.size - 1;
  const room = maxLength - suffix.length;
  // Choose subsets by their deepest node v, then any subset of the nodes above it.
  const recurse = (from: number, deepestCount: number): void => {
    for (let v = from; v >= 1; v--) {
      if (suffix.length - baseLength >= room) return;
      suffix.push(tree.item[v]!);
      emit(Math.min(deepestCount, tree.count[v]!));
      recurse(v - 1, Math.min(deepestCount, tree.count[v]!));
      suffix.pop();
    }
  };
  const baseLength = suffix.length;
  recurse(nodes, Infinity);
}
