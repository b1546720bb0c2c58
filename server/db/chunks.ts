/**
 * The next chunk size for work done in short transactions: scaled toward `targetMs` per chunk,
 * never more than doubling or halving at once, within [min, max]. On the embedded engine a chunk
 * holds the only connection, so its duration is what a person's request may have to wait.
 */
export function nextChunkSize(current: number, tookMs: number, limits: { targetMs: number; min: number; max: number }): number {
  const factor = Math.min(2, Math.max(0.5, limits.targetMs / Math.max(tookMs, 1)));
  return Math.max(limits.min, Math.min(limits.max, Math.round(current * factor)));
}

/** About how long one chunk of a long job should hold the database. */
export const CHUNK_TARGET_MS = 150;
