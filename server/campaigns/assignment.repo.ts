import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { contactable, selectRows } from "../db";

/**
 * Segment members who may be contacted and are not yet in this campaign. Consent and erasure are
 * checked here, in the one query every assignment path uses, so no caller can forget them.
 */
export async function eligibleAudience(db: Db, campaignId: string, segmentId: string): Promise<number[]> {
  const rows = await selectRows<{ id: number | string }>(
    db,
    sql`SELECT sm.customer_id AS id
        FROM segment_members sm JOIN customers c ON c.id = sm.customer_id
        WHERE sm.segment_id = ${segmentId}::uuid
          AND ${contactable("c")}
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.campaign_id = ${campaignId}::uuid AND a.customer_id = sm.customer_id)
        ORDER BY sm.customer_id`,
  );
  return rows.map((r) => Number(r.id));
}

export interface AssignmentRow {
  customerId: number;
  variantId: string | null;
  wave: number;
}

/** Postgres array literal; ids are integers and uuids, so no quoting is needed. */
const arrayLiteral = (values: readonly (string | number | boolean | null)[]) => `{${values.map((v) => (v === null ? "NULL" : String(v))).join(",")}}`;

/**
 * One INSERT ... SELECT FROM unnest(...) per batch: three array parameters instead of a VALUES
 * list keeps the statement small and the parameter count constant at any batch size.
 */
export async function insertAssignments(db: Db, campaignId: string, rows: readonly AssignmentRow[], at: Date, batchSize = 20_000): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const inserted = await selectRows<{ n: number }>(
      db,
      sql`WITH ins AS (
            INSERT INTO assignments (campaign_id, customer_id, variant_id, is_holdout, assigned_at, exposed_at, detail)
            SELECT ${campaignId}::uuid, t.customer_id, t.variant_id, t.variant_id IS NULL, ${at}, ${at}, jsonb_build_object('wave', t.wave)
            FROM unnest(${arrayLiteral(batch.map((r) => r.customerId))}::bigint[], ${arrayLiteral(batch.map((r) => r.variantId))}::uuid[], ${arrayLiteral(batch.map((r) => r.wave))}::int[])
              AS t(customer_id, variant_id, wave)
            ON CONFLICT (campaign_id, customer_id) DO NOTHING
            RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    written += Number(inserted[0]?.n ?? 0);
  }
  return written;
}

/**
 * Records, for the customers assigned at `at`, every other live segment they belong to right
 * now: the per-segment read-out uses this, not today's membership.
 */
export async function snapshotMemberships(db: Db, campaignId: string, targetSegmentId: string, at: Date): Promise<void> {
  await db.execute(
    sql`INSERT INTO assignment_segments (campaign_id, segment_id, customer_id)
        SELECT a.campaign_id, sm.segment_id, a.customer_id
        FROM assignments a
        JOIN segment_members sm ON sm.customer_id = a.customer_id AND sm.segment_id <> ${targetSegmentId}::uuid
        JOIN segments s ON s.id = sm.segment_id AND s.archived_at IS NULL
        WHERE a.campaign_id = ${campaignId}::uuid AND a.assigned_at = ${at}
        ON CONFLICT DO NOTHING`,
  );
}

/**
 * Customers this campaign shares with another RUNNING campaign of the same goal: their responses
 * cannot be credited to either, so both sides are flagged. Returns how many rows were flagged.
 */
export async function flagInterference(db: Db, campaignId: string): Promise<number> {
  const rows = await selectRows<{ n: number }>(
    db,
    sql`WITH me AS (SELECT goal FROM campaigns WHERE id = ${campaignId}::uuid),
        peers AS (SELECT c.id FROM campaigns c, me WHERE c.status = 'running' AND c.goal = me.goal),
        shared AS (
          SELECT a.customer_id FROM assignments a
          WHERE a.campaign_id = ${campaignId}::uuid
            AND EXISTS (SELECT 1 FROM assignments o WHERE o.customer_id = a.customer_id AND o.campaign_id <> a.campaign_id AND o.campaign_id IN (SELECT id FROM peers))),
        upd AS (
          UPDATE assignments a SET interference = true
          WHERE a.customer_id IN (SELECT customer_id FROM shared)
            AND (a.campaign_id = ${campaignId}::uuid OR a.campaign_id IN (SELECT id FROM peers))
            AND NOT a.interference
          RETURNING 1)
        SELECT count(*)::int AS n FROM upd`,
  );
  return Number(rows[0]?.n ?? 0);
}

export async function assignmentCounts(db: Db, campaignId: string): Promise<{ total: number; interference: number }> {
  const rows = await selectRows<{ total: number; interference: number }>(
    db,
    sql`SELECT count(*)::int AS total, count(*) FILTER (WHERE interference)::int AS interference FROM assignments WHERE campaign_id = ${campaignId}::uuid`,
  );
  return { total: Number(rows[0]?.total ?? 0), interference: Number(rows[0]?.interference ?? 0) };
}
