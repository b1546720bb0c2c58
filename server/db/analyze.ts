import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { selectRows } from "./rows";

/**
 * Refreshes the planner's statistics of every table that was never analysed or changed a lot
 * since it last was (autovacuum's default rule: more than 50 rows plus 10 % of the table).
 * The embedded engine runs no autovacuum, so without this its planner believes every table
 * empty and picks nested loops that make a drill-down take seconds instead of milliseconds;
 * on PostgreSQL it closes the minute autovacuum may take after a bulk import. ANALYZE reads a
 * fixed-size sample, so each table costs about the same however large it grows. Returns the
 * tables analysed.
 */
export async function analyzeChangedTables(db: Db): Promise<string[]> {
  // Pending counters reach pg_stat_user_tables only when flushed (PostgreSQL 15+).
  await db.execute(sql`SELECT pg_stat_force_next_flush()`);
  const rows = await selectRows<{ name: string }>(
    db,
    sql`SELECT c.relname AS name
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
        LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relkind IN ('r', 'p')
          AND (c.reltuples < 0 OR coalesce(s.n_mod_since_analyze, 0) > 50 + 0.1 * c.reltuples)
        ORDER BY c.relname`,
  );
  for (const { name } of rows) await db.execute(sql`ANALYZE ${sql.identifier(name)}`);
  return rows.map((row) => row.name);
}
