import { sql } from "drizzle-orm";
import type { Db } from "../../db";
import { campaigns, campaignVariants, notErased, selectRows } from "../../db";

export interface ImportedCampaign {
  name: string;
  goal: (typeof campaigns.$inferInsert)["goal"];
  channel: (typeof campaigns.$inferInsert)["channel"];
  salt: string;
  startsAt: Date;
  endsAt: Date;
}

/** Creates (or finds, on a re-run) an imported campaign and its single arm; returns both ids. */
export async function upsertImportedCampaign(db: Db, campaign: ImportedCampaign, variant: { key: string; name: string }) {
  const [row] = await db
    .insert(campaigns)
    .values({ ...campaign, status: "completed", allocation: "fixed", holdoutShare: 0, origin: "imported" })
    .onConflictDoUpdate({ target: campaigns.name, set: { startsAt: campaign.startsAt, endsAt: campaign.endsAt, updatedAt: sql`now()` } })
    .returning({ id: campaigns.id, origin: campaigns.origin });
  if (!row) throw new Error("campaign upsert returned no row");
  const [arm] = await db
    .insert(campaignVariants)
    .values({ campaignId: row.id, key: variant.key, name: variant.name, isControl: false, weight: 1 })
    .onConflictDoUpdate({ target: [campaignVariants.campaignId, campaignVariants.key], set: { name: variant.name } })
    .returning({ id: campaignVariants.id });
  if (!arm) throw new Error("variant upsert returned no row");
  return { campaignId: row.id, origin: row.origin, variantId: arm.id };
}

export interface ImportedResult {
  customerId: string;
  at: string;
  converted: boolean;
  detail: Record<string, unknown>;
}

/**
 * One assignment and one outcome per contacted customer (by external id); rows already stored
 * for this campaign are left alone, so a re-run adds nothing; erased customers get none (their
 * rows were locked by the customer batch of the same transaction). Returns how many of each were new.
 */
export async function insertImportedResults(db: Db, campaignId: string, variantId: string, results: readonly ImportedResult[]) {
  if (results.length === 0) return { assignments: 0, outcomes: 0 };
  const payload = JSON.stringify(results.map((r) => ({ customer_id: r.customerId, at: r.at, converted: r.converted, detail: r.detail })));
  const recordset = sql`jsonb_to_recordset(${payload}::jsonb) AS t(customer_id text, at timestamptz, converted boolean, detail jsonb)`;
  const [assigned] = await selectRows<{ n: number }>(
    db,
    sql`WITH ins AS (
          INSERT INTO assignments (campaign_id, customer_id, variant_id, is_holdout, assigned_at, exposed_at, detail)
          SELECT ${campaignId}::uuid, c.id, ${variantId}::uuid, false, t.at, t.at, t.detail
          FROM ${recordset} JOIN customers c ON c.external_id = t.customer_id AND ${notErased("c")}
          ON CONFLICT (campaign_id, customer_id) DO NOTHING
          RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
  );
  const [observed] = await selectRows<{ n: number }>(
    db,
    sql`WITH ins AS (
          INSERT INTO outcomes (campaign_id, customer_id, variant_id, converted, revenue_cents, observed_at)
          SELECT ${campaignId}::uuid, c.id, ${variantId}::uuid, t.converted, 0, t.at
          FROM ${recordset} JOIN customers c ON c.external_id = t.customer_id AND ${notErased("c")}
          ON CONFLICT (campaign_id, customer_id) DO NOTHING
          RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
  );
  return { assignments: Number(assigned?.n ?? 0), outcomes: Number(observed?.n ?? 0) };
}
