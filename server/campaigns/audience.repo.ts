import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { contactable, selectRows } from "../db";

export interface AudienceRow {
  variantKey: string;
  variantName: string;
  externalId: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
  couponPercentOff: number | null;
  offerProductId: number | null;
}

/** Who a channel should contact: assigned, not in the holdout, and contactable now. */
function audienceWhere(campaignId: string, variantId?: string) {
  return sql`a.campaign_id = ${campaignId}::uuid AND NOT a.is_holdout AND ${contactable("c")}
             ${variantId ? sql`AND a.variant_id = ${variantId}::uuid` : sql``}`;
}

/** How many customers an audience export of this campaign would hold (consent and erasure read now). */
export async function audienceSize(db: Db, campaignId: string): Promise<number> {
  const rows = await selectRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM assignments a JOIN customers c ON c.id = a.customer_id WHERE ${audienceWhere(campaignId)}`,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Who a channel should contact: assigned, not in the holdout, and re-checked for consent and
 * erasure at export time (consent can be withdrawn after launch). Name, e-mail and phone are read
 * only with `withPersonalData`; without it they come back null.
 */
export async function audienceRows(db: Db, campaignId: string, variantId?: string, withPersonalData = true): Promise<AudienceRow[]> {
  const personal = withPersonalData ? sql`c.display_name, c.email, c.phone` : sql`NULL::text AS display_name, NULL::text AS email, NULL::text AS phone`;
  const rows = await selectRows<{ key: string; name: string; external_id: string; display_name: string | null; email: string | null; phone: string | null; message: string | null; coupon: number | null; product: number | null }>(
    db,
    sql`SELECT v.key, v.name, c.external_id, ${personal}, v.message, v.coupon_percent_off AS coupon, v.offer_product_id AS product
        FROM assignments a
        JOIN campaign_variants v ON v.id = a.variant_id
        JOIN customers c ON c.id = a.customer_id
        WHERE ${audienceWhere(campaignId, variantId)}
        ORDER BY v.key, c.external_id`,
  );
  return rows.map((r) => ({
    variantKey: r.key,
    variantName: r.name,
    externalId: r.external_id,
    displayName: r.display_name,
    email: r.email,
    phone: r.phone,
    message: r.message,
    couponPercentOff: r.coupon === null ? null : Number(r.coupon),
    offerProductId: r.product === null ? null : Number(r.product),
  }));
}
