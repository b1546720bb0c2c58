/**
 * The FP-tree and the recursive part of FP-growth (Han et al.), on integers: items are ranks
 * (0 = most frequent), and a tree is a set of flat typed arrays (item, count, parent) with an
 * open-addressing hash from (parent, item) to child. Conditional trees keep the global rank order,
 * so a path read upwards from a node is already sorted and needs no re-sorting.
 */

/** Called once per frequent itemset with its basket count; the itemset is the current suffix. */
export type EmitItemset = (count: number) => void;

/** A prefix tree in flat arrays; node 0 is the root. Items are ranks in [0, m). */
export class FpTree {
  size = 1;
  item: Int32Array;
  count: Float64Array;
  parent: Int32Array;
  /** Open-addressing table: slot -> child node (0 = empty); the key is (parent[child], item[child]). */
  private slots: Int32Array;
  private mask: number;
  /** Per item, the summed count of its nodes (the item's support in this tree). */
  readonly itemCount: Float64Array;

  /** `capacity` is a first guess at the number of nodes; the tree grows past it when needed. */
  constructor(
    readonly m: number,
    capacity: number,
  ) {
    const cap = Math.max(2, capacity + 1);
    this.item = new Int32Array(cap);
    this.count = new Float64Array(cap);
    this.parent = new Int32Array(cap);
    this.slots = new Int32Array(slotsFor(cap));
    this.mask = this.slots.length - 1;
    this.itemCount = new Float64Array(m);
    this.item[0] = -1;
    this.parent[0] = -1;
  }

  /** Adds the path of ascending ranks path[from .. from + len) with a weight. */
  insert(path: Int32Array, from: number, len: number, weight: number): void {
    // A path adds at most `len` nodes; growing here keeps the probe loop free of capacity checks.
    if (this.size + len > this.item.length) this.grow(this.size + len);
    let node = 0;
    for (let t = from; t < from + len; t++) {
      const it = path[t]!;
      let h = slotOf(node, it) & this.mask;
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

  private grow(needed: number): void {
    let cap = this.item.length * 2;
    while (cap < needed) cap *= 2;
    const item = new Int32Array(cap);
    const count = new Float64Array(cap);
    const parent = new Int32Array(cap);
    item.set(this.item.subarray(0, this.size));
    count.set(this.count.subarray(0, this.size));
    parent.set(this.parent.subarray(0, this.size));
    this.item = item;
    this.count = count;
    this.parent = parent;
    this.slots = new Int32Array(slotsFor(cap));
    this.mask = this.slots.length - 1;
    for (let v = 1; v < this.size; v++) {
      let h = slotOf(parent[v]!, item[v]!) & this.mask;
      while (this.slots[h] !== 0) h = (h + 1) & this.mask;
      this.slots[h] = v;
    }
  }
}

/** At most half-full hash tables keep linear probing short. */
function slotsFor(nodes: number): number {
  let slots = 16;
  while (slots < nodes * 2) slots *= 2;
  return slots;
}

function slotOf(node: number, item: number): number {
  return Math.imul(node, 0x9e3779b1) ^ Math.imul(item + 1, 0x85ebca77);
}

/**
 * Mines every frequent itemset of a (conditional) tree, each reported as `suffix` plus the items
 * above it; `suffix` is restored before returning.
 */
export function mine(tree: FpTree, suffix: number[], threshold: number, maxLength: number, emit: EmitItemset): void {
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
          cond.insert(path, 0, len, tree.count[v]!);
        }
        mine(cond, suffix, threshold, maxLength, emit);
      }
    }
    suffix.pop();
  }
}

/**
 * A single path's frequent itemsets are all non-empty subsets of its nodes; a subset's count is
 * the count of its deepest node (counts only shrink downwards). Only frequent items are ever
 * inserted into a tree, so every node qualifies.
 */
function minePath(tree: FpTree, suffix: number[], maxLength: number, emit: EmitItemset): void {
  const nodes = tree.size - 1;
  const baseLength = suffix.length;
  const room = maxLength - baseLength;
  // Choose subsets by their deepest node v, then any subset of the nodes above it.
  const recurse = (from: number, deepestCount: number): void => {
    for (let v = from; v >= 1; v--) {
      if (suffix.length - baseLength >= room) return;
      suffix.push(tree.item[v]!);
      const count = Math.min(deepestCount, tree.count[v]!);
      emit(count);
      recurse(v - 1, count);
      suffix.pop();
    }
  };
  recurse(nodes, Infinity);
}
