import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { contactable, notErased, selectRows } from "../db";

export interface ExportCounts {
  /** Members that may be contacted: consent given, not erased. */
  contactable: number;
  excludedNoConsent: number;
  excludedErased: number;
}

/**
 * How many of the segment's stored members an export would hold. Members are customers that exist
 * (the foreign key sees to it); consent and erasure are read now, so a list assembled earlier cannot
 * count people who have since withdrawn or been erased.
 */
export async function exportCounts(db: Db, segmentId: string): Promise<ExportCounts> {
  const rows = await selectRows<{ contactable: number; no_consent: number; erased: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE ${contactable("c")})::int AS contactable,
               count(*) FILTER (WHERE ${notErased("c")} AND NOT c.marketing_consent)::int AS no_consent,
               count(*) FILTER (WHERE NOT ${notErased("c")})::int AS erased
        FROM segment_members sm JOIN customers c ON c.id = sm.customer_id
        WHERE sm.segment_id = ${segmentId}::uuid`,
  );
  const row = rows[0];
  return { contactable: Number(row?.contactable ?? 0), excludedNoConsent: Number(row?.no_consent ?? 0), excludedErased: Number(row?.erased ?? 0) };
}

export const PERSONAL_COLUMNS = ["display_name", "email", "phone"] as const;
export const NON_PERSONAL_COLUMNS = ["region", "acquisition_channel"] as const;

/**
 * The contactable members' export columns. Personal columns are selected only when asked for, so
 * an export without them never reads them off the table.
 */
export async function exportRows(db: Db, segmentId: string, withPersonalData: boolean): Promise<Record<string, string | null>[]> {
  const personal = withPersonalData ? sql`c.display_name, c.email, c.phone,` : sql``;
  return selectRows<Record<string, string | null>>(
    db,
    sql`SELECT c.external_id, ${personal} c.region, c.acquisition_channel
        FROM segment_members sm JOIN customers c ON c.id = sm.customer_id
        WHERE sm.segment_id = ${segmentId}::uuid AND ${contactable("c")}
        ORDER BY c.external_id`,
  );
}
