import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db";
import { importCheckpoints } from "../../db";

export interface StoredCheckpoint {
  rowsPublished: number;
  totals: unknown;
}

export async function readCheckpoint(db: Db, importKey: string): Promise<StoredCheckpoint | null> {
  const rows = await db
    .select({ rowsPublished: importCheckpoints.rowsPublished, totals: importCheckpoints.totals })
    .from(importCheckpoints)
    .where(eq(importCheckpoints.importKey, importKey));
  return rows[0] ?? null;
}

/** Called inside the chunk's own transaction, so the checkpoint and the rows commit together. */
export async function saveCheckpoint(tx: Db, importKey: string, rowsPublished: number, totals: unknown): Promise<void> {
  await tx
    .insert(importCheckpoints)
    .values({ importKey, rowsPublished, totals })
    .onConflictDoUpdate({ target: importCheckpoints.importKey, set: { rowsPublished, totals, updatedAt: sql`now()` } });
}

export async function deleteCheckpoint(db: Db, importKey: string): Promise<void> {
  await db.delete(importCheckpoints).where(eq(importCheckpoints.importKey, importKey));
}
