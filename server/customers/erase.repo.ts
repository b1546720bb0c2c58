import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";

/** Locks the customer row so two erasures (or an erasure and an import) cannot interleave. */
export async function lockCustomer(db: Db, id: number) {
  const rows = await selectRows<{ externalId: string; erasedAt: string | Date | null }>(
    db,
    sql`SELECT external_id AS "externalId", erased_at AS "erasedAt" FROM customers WHERE id = ${id} FOR UPDATE`,
  );
  return rows[0];
}

/**
 * Tables holding a customer's behaviour or derived data; all rows for the customer go, the
 * per-customer KPI rollups included. tests/security/05-erasure-complete.test.ts walks every table
 * of the live schema with a customer column, so a table added without being listed here fails.
 */
const ERASED_TABLES = [
  "events",
  "customer_features",
  "feature_build_rows",
  "segment_members",
  "assignments",
  "assignment_segments",
  "outcomes",
  "customer_scores",
  "demo_customer_truth",
  "kpi_customer_day",
  "kpi_customer_month",
  "kpi_customer_timeline",
  "kpi_customer_first",
  "kpi_customer_cohort",
] as const;
export type ErasedTable = (typeof ERASED_TABLES)[number];

export async function deleteCustomerData(db: Db, id: number): Promise<Record<ErasedTable, number>> {
  const counts = {} as Record<ErasedTable, number>;
  for (const table of ERASED_TABLES) {
    const rows = await selectRows<{ n: number | string }>(
      db,
      sql`WITH gone AS (DELETE FROM ${sql.raw(table)} WHERE customer_id = ${id} RETURNING 1) SELECT count(*)::float8 AS n FROM gone`,
    );
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/**
 * Blanks everything personal and leaves a tombstone: id and external id stay, so a later import
 * of the same external id is recognised as an erased person instead of silently re-created.
 */
export async function blankCustomer(db: Db, id: number): Promise<void> {
  await db.execute(sql`
    UPDATE customers SET display_name = NULL, email = NULL, phone = NULL, signup_at = NULL,
      acquisition_channel = NULL, region = NULL, city_tier = NULL, age_band = NULL, device = NULL,
      marketing_consent = false, attributes = '{}'::jsonb, erased_at = now(), updated_at = now()
    WHERE id = ${id}`);
}
