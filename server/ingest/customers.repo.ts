import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";
import type { CustomerRow } from "./types";

/** A stored customer as a batch sees it: its internal id, and whether it was erased. */
export interface StoredCustomer {
  id: number;
  erased: boolean;
}

function toPayload(rows: readonly CustomerRow[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      customer_id: row.customerId,
      display_name: row.displayName,
      email: row.email,
      phone: row.phone,
      signup_at: row.signupAt?.toISOString() ?? null,
      acquisition_channel: row.acquisitionChannel,
      region: row.region,
      city_tier: row.cityTier,
      age_band: row.ageBand,
      device: row.device,
      marketing_consent: row.marketingConsent,
      attributes: row.attributes,
    })),
  );
}

/**
 * The stored customers among `externalIds`, each with whether it was erased, locked until the
 * transaction ends. Erasure takes FOR UPDATE on the customer row, so either it finished before
 * this lock was granted (and the row reads as erased, re-read after the wait) or it waits until
 * this batch has committed and then deletes what the batch wrote: nothing written under a
 * not-erased reading survives an erasure. `update` is for batches that update the customers
 * (rows locked in id order, so two batches cannot deadlock); `key share` for batches that only
 * reference them (events), which leaves concurrent customer updates free; `no lock` for a check
 * that writes nothing (an import's first pass).
 */
export async function lockCustomersByExternalId(
  db: Db,
  externalIds: readonly string[],
  mode: "update" | "key share" | "no lock",
): Promise<Map<string, StoredCustomer>> {
  if (externalIds.length === 0) return new Map();
  const lock = mode === "update" ? sql`FOR NO KEY UPDATE OF c` : mode === "key share" ? sql`FOR KEY SHARE OF c` : sql``;
  const rows = await selectRows<{ id: number | string; externalId: string; erased: boolean }>(
    db,
    sql`SELECT c.id, c.external_id AS "externalId", NOT ${notErased("c")} AS erased FROM customers c
        WHERE c.external_id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...new Set(externalIds)])}::jsonb))
        ORDER BY c.id ${lock}`,
  );
  return new Map(rows.map((row) => [row.externalId, { id: Number(row.id), erased: Boolean(row.erased) }]));
}

const RECORDSET_COLUMNS = sql.raw(`customer_id text, display_name text, email text, phone text, signup_at timestamptz,
  acquisition_channel text, region text, city_tier smallint, age_band text, device text,
  marketing_consent boolean, attributes jsonb`);

/**
 * Upserts customers by external id. A field left out (null) keeps its stored value, attributes are
 * merged, and an erased customer is never touched (the writer skips tombstones before calling
 * this; the update refuses them again as a second guard). Rows whose values would not change are
 * left alone, so re-sending a batch reports them as unchanged.
 */
export async function upsertCustomers(db: Db, rows: readonly CustomerRow[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const payload = toPayload(rows);
  const updated = await selectRows<{ n: number }>(
    db,
    sql`WITH n AS (
          SELECT c.id,
                 COALESCE(t.display_name, c.display_name) AS display_name,
                 COALESCE(t.email, c.email) AS email,
                 COALESCE(t.phone, c.phone) AS phone,
                 COALESCE(t.signup_at, c.signup_at) AS signup_at,
                 COALESCE(t.acquisition_channel, c.acquisition_channel) AS acquisition_channel,
                 COALESCE(t.region, c.region) AS region,
                 COALESCE(t.city_tier, c.city_tier) AS city_tier,
                 COALESCE(t.age_band, c.age_band) AS age_band,
                 COALESCE(t.device, c.device) AS device,
                 COALESCE(t.marketing_consent, c.marketing_consent) AS marketing_consent,
                 c.attributes || COALESCE(t.attributes, '{}'::jsonb) AS attributes
          FROM jsonb_to_recordset(${payload}::jsonb) AS t(${RECORDSET_COLUMNS})
          JOIN customers c ON c.external_id = t.customer_id AND ${notErased("c")}
        ), upd AS (
          UPDATE customers c SET
            display_name = n.display_name, email = n.email, phone = n.phone, signup_at = n.signup_at,
            acquisition_channel = n.acquisition_channel, region = n.region, city_tier = n.city_tier,
            age_band = n.age_band, device = n.device, marketing_consent = n.marketing_consent,
            attributes = n.attributes, updated_at = now()
          FROM n
          WHERE c.id = n.id AND ${notErased("c")}
            AND (c.display_name, c.email, c.phone, c.signup_at, c.acquisition_channel, c.region, c.city_tier,
                 c.age_band, c.device, c.marketing_consent, c.attributes)
                IS DISTINCT FROM
                (n.display_name, n.email, n.phone, n.signup_at, n.acquisition_channel, n.region, n.city_tier,
                 n.age_band, n.device, n.marketing_consent, n.attributes)
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM upd`,
  );
  const inserted = await selectRows<{ n: number }>(
    db,
    sql`WITH ins AS (
          INSERT INTO customers (external_id, display_name, email, phone, signup_at, acquisition_channel, region,
                                 city_tier, age_band, device, marketing_consent, attributes)
          SELECT t.customer_id, t.display_name, t.email, t.phone, t.signup_at, t.acquisition_channel, t.region,
                 t.city_tier, t.age_band, t.device, COALESCE(t.marketing_consent, false), COALESCE(t.attributes, '{}'::jsonb)
          FROM jsonb_to_recordset(${payload}::jsonb) AS t(${RECORDSET_COLUMNS})
          ON CONFLICT (external_id) DO NOTHING
          RETURNING 1
        )
        SELECT count(*)::int AS n FROM ins`,
  );
  return { inserted: Number(inserted[0]?.n ?? 0), updated: Number(updated[0]?.n ?? 0) };
}
