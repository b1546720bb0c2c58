import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";

/** How many daily segment refreshes of job kind `kind` are waiting to run. */
export async function countQueuedDailyRefreshes(db: Db, kind: string): Promise<number> {
  const rows = await selectRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM jobs WHERE kind = ${kind} AND status = 'queued' AND payload->>'daily' = 'true'`,
  );
  return Number(rows[0]?.n ?? 0);
}
