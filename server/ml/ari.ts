/** Adjusted Rand index (Hubert & Arabie): 1 for identical partitions, ~0 for random ones, label names ignored. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new Error("label arrays differ in length");
  const table = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowSums.set(a[i]!, (rowSums.get(a[i]!) ?? 0) + 1);
    colSums.set(b[i]!, (colSums.get(b[i]!) ?? 0) + 1);
  }
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sumA = 0;
  for (const v of rowSums.values()) sumA += pairs(v);
  let sumB = 0;
  for (const v of colSums.values()) sumB += pairs(v);
  const expected = (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  // Both partitions trivial (all one cluster or all singletons): they agree perfectly.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
