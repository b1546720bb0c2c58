import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { campaignVariants, notErased, selectRows } from "../db";
import type { VariantRow } from "./campaigns.repo";

const BATCH = 10_000;

/** The arms of an imported campaign (its previous arms already deleted). */
export async function insertImportedVariants(
  db: Db,
  campaignId: string,
  variants: ReadonlyArray<{ key: string; name: string; isControl: boolean; weight: number }>,
): Promise<VariantRow[]> {
  return db
    .insert(campaignVariants)
    .values(variants.map((v) => ({ campaignId, ...v })))
    .returning();
}

/** Empties an imported campaign for a re-import (arms, assignments, outcomes) and moves its window. */
export async function clearImportedCampaign(db: Db, campaignId: string, startsAt: Date, endsAt: Date): Promise<void> {
  await db.execute(sql`DELETE FROM campaign_variants WHERE campaign_id = ${campaignId}::uuid`);
  await db.execute(sql`DELETE FROM assignments WHERE campaign_id = ${campaignId}::uuid`);
  await db.execute(sql`DELETE FROM outcomes WHERE campaign_id = ${campaignId}::uuid`);
  await db.execute(sql`UPDATE campaigns SET starts_at = ${startsAt}, ends_at = ${endsAt}, updated_at = now() WHERE id = ${campaignId}::uuid`);
}

/** One assignment per imported row, exposed (and assigned) at its own time; returns how many were written. */
export async function insertImportedAssignments(
  db: Db,
  campaignId: string,
  rows: ReadonlyArray<{ customerId: number | undefined; variantId: string | undefined; exposedAt: Date }>,
): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += BATCH) {
    const payload = JSON.stringify(rows.slice(i, i + BATCH).map((r) => ({ c: r.customerId, v: r.variantId, t: r.exposedAt.toISOString() })));
    const inserted = await selectRows<{ n: number }>(
      db,
      sql`WITH ins AS (
            INSERT INTO assignments (campaign_id, customer_id, variant_id, is_holdout, assigned_at, exposed_at)
            SELECT ${campaignId}::uuid, t.c, t.v, false, t.t, t.t FROM jsonb_to_recordset(${payload}::jsonb) AS t(c bigint, v uuid, t timestamptz)
            RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    written += Number(inserted[0]?.n ?? 0);
  }
  return written;
}

/** Customers for external ids not seen before (external id only); returns how many were created. */
export async function createMissingCustomers(db: Db, externalIds: readonly string[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < externalIds.length; i += BATCH) {
    const payload = JSON.stringify(externalIds.slice(i, i + BATCH));
    const rows = await selectRows<{ n: number }>(
      db,
      sql`WITH ins AS (
            INSERT INTO customers (external_id) SELECT x FROM jsonb_array_elements_text(${payload}::jsonb) AS x
            ON CONFLICT (external_id) DO NOTHING RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    created += Number(rows[0]?.n ?? 0);
  }
  return created;
}

/** Internal ids of the customers with these external ids; erased customers (tombstones) have none. */
export async function customerIdsByExternalId(db: Db, externalIds: readonly string[]): Promise<Map<string, number>> {
  const map = new Map<string, number>();
  for (let i = 0; i < externalIds.length; i += BATCH) {
    const payload = JSON.stringify(externalIds.slice(i, i + BATCH));
    const rows = await selectRows<{ id: number | string; external_id: string }>(
      db,
      sql`SELECT c.id, c.external_id FROM customers c
          WHERE c.external_id IN (SELECT jsonb_array_elements_text(${payload}::jsonb)) AND ${notErased("c")}`,
    );
    for (const r of rows) map.set(r.external_id, Number(r.id));
  }
  return map;
}
