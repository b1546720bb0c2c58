/**
 * RFM quintile scores, the definition the SQL refresh implements (features.repo.ts):
 *
 *   score = ceil(5 · cume_dist), cume_dist = share of scored customers whose value is at most
 *   this one's (recency is ordered the other way: the longer ago, the lower the score).
 *
 * Only customers with at least one paid transaction are scored; the rest get null. Tied values
 * always get the same score, the one their whole tie group reaches, so a heavy tie (say 60% of
 * buyers with exactly one purchase) lifts the group to score 3 and leaves scores 1-2 empty:
 * equal behaviour is never split across scores by an arbitrary order.
 */
export function quintileScores(values: readonly number[], higherIsBetter: boolean): number[] {
  const n = values.length;
  const oriented = values.map((v) => (higherIsBetter ? v : -v));
  const sorted = [...oriented].sort((a, b) => a - b);
  return oriented.map((v) => {
    const atMost = upperBound(sorted, v);
    return Math.max(1, Math.ceil((5 * atMost) / n - 1e-9));
  });
}

function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
