import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";

/**
 * One row per assigned customer with a feature row: arm (is_control), outcome (converted, false
 * without one) and the named customer_features columns as float8. `features` are column names
 * from the caller's fixed list, never user input.
 */
export async function upliftExampleRows(db: Db, campaignId: string, features: readonly string[]): Promise<Array<Record<string, number | string | boolean | null>>> {
  const columns = sql.join(features.map((name) => sql.raw(`f.${name}::float8 AS ${name}`)), sql`, `);
  return selectRows<Record<string, number | string | boolean | null>>(
    db,
    sql`SELECT a.customer_id, v.is_control, COALESCE(o.converted, false) AS converted, ${columns}
        FROM assignments a
        JOIN campaign_variants v ON v.id = a.variant_id
        JOIN customer_features f ON f.customer_id = a.customer_id
        LEFT JOIN outcomes o ON o.campaign_id = a.campaign_id AND o.customer_id = a.customer_id
        WHERE a.campaign_id = ${campaignId}::uuid
        ORDER BY a.customer_id`,
  );
}

/** Live segments the given customers belong to: one row per (segment, member). */
export async function liveSegmentMemberships(db: Db, customerIds: readonly number[]): Promise<Array<{ id: string; name: string; customer_id: number | string }>> {
  const payload = JSON.stringify(customerIds);
  return selectRows<{ id: string; name: string; customer_id: number | string }>(
    db,
    sql`SELECT s.id, s.name, sm.customer_id FROM segment_members sm JOIN segments s ON s.id = sm.segment_id AND s.archived_at IS NULL
        WHERE sm.customer_id IN (SELECT (x)::bigint FROM jsonb_array_elements_text(${payload}::jsonb) AS x)`,
  );
}
