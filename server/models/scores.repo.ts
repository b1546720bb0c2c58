import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { customerScores } from "../db";

export type ScoreRow = typeof customerScores.$inferInsert;

const INSERT_CHUNK = 1000;

/** Replaces a run's scores with `rows`; call it inside a transaction so readers never see half a set. */
export async function replaceRunScores(db: Db, runId: string, rows: readonly ScoreRow[]): Promise<void> {
  await db.delete(customerScores).where(eq(customerScores.modelRunId, runId));
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await db.insert(customerScores).values(rows.slice(start, start + INSERT_CHUNK));
  }
}
