import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

/** Runs a raw SQL fragment and returns its rows; both engines answer with `{ rows }`. */
export async function selectRows<Row extends Record<string, unknown>>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
