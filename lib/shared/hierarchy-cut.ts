/**
 * Cutting a Ward tree (SciPy linkage convention: ids below leafCount are leaves, id leafCount + i
 * is the cluster formed by merge i) into `groups` groups: apply the first leafCount - groups
 * merges, the lowest ones. Groups are numbered by their smallest leaf so a cut is reproducible.
 * Returns, per leaf, its group index.
 */
export function cutTree(leafCount: number, merges: ReadonlyArray<{ a: number; b: number }>, groups: number): number[] {
  if (groups < 1 || groups > leafCount) throw new RangeError(`cannot cut ${leafCount} leaves into ${groups} groups`);
  const parent = Array.from({ length: leafCount + merges.length }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root] as number;
    while (parent[x] !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const applied = Math.min(merges.length, leafCount - groups);
  for (let i = 0; i < applied; i++) {
    const merge = merges[i] as { a: number; b: number };
    parent[find(merge.a)] = leafCount + i;
    parent[find(merge.b)] = leafCount + i;
  }
  const groupOfRoot = new Map<number, number>();
  const out: number[] = [];
  for (let leaf = 0; leaf < leafCount; leaf++) {
    const root = find(leaf);
    if (!groupOfRoot.has(root)) groupOfRoot.set(root, groupOfRoot.size);
    out.push(groupOfRoot.get(root) as number);
  }
  return out;
}

/** The leaves falling in one group of a cut. */
export function leavesOfGroup(leafCount: number, merges: ReadonlyArray<{ a: number; b: number }>, groups: number, group: number): number[] {
  return cutTree(leafCount, merges, groups).flatMap((g, leaf) => (g === group ? [leaf] : []));
}
