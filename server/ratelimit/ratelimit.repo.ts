import { lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { rateLimitCounters } from "../db";

export interface CounterHit {
  bucket: string;
  windowStart: Date;
  expiresAt: Date;
}

/**
 * Counts one hit in each bucket's current window and returns the new counts, in ONE statement:
 * the row is inserted or its count raised and read back atomically, so however many requests
 * arrive at once, each sees its own number.
 */
export async function countHits(db: Db, hits: CounterHit[]): Promise<Map<string, number>> {
  if (hits.length === 0) return new Map();
  const rows = await db
    .insert(rateLimitCounters)
    .values(hits.map((hit) => ({ bucket: hit.bucket, windowStart: hit.windowStart, expiresAt: hit.expiresAt, hits: 1 })))
    .onConflictDoUpdate({
      target: [rateLimitCounters.bucket, rateLimitCounters.windowStart],
      set: { hits: sql`${rateLimitCounters.hits} + 1` },
    })
    .returning({ bucket: rateLimitCounters.bucket, hits: rateLimitCounters.hits });
  return new Map(rows.map((row) => [row.bucket, row.hits]));
}

/** Drops counters whose window has ended. */
export async function deleteExpiredCounters(db: Db, now: Date): Promise<number> {
  const rows = await db.delete(rateLimitCounters).where(lt(rateLimitCounters.expiresAt, now)).returning({ bucket: rateLimitCounters.bucket });
  return rows.length;
}
