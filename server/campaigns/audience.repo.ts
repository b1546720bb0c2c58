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

/**
 * Who a channel should contact: assigned, not in the holdout, and re-checked for consent and
 * erasure at export time (consent can be withdrawn after launch).
 */
export async function audienceRows(db: Db, campaignId: string, variantId?: string): Promise<AudienceRow[]> {
  const rows = await selectRows<{ key: string; name: string; external_id: string; display_name: string | null; email: string | null; phone: string | null; message: string | null; coupon: number | null; product: number | null }>(
    db,
    sql`SELECT v.key, v.name, c.external_id, c.display_name, c.email, c.phone, v.message, v.coupon_percent_off AS coupon, v.offer_product_id AS product
        FROM assignments a
        JOIN campaign_variants v ON v.id = a.variant_id
        JOIN customers c ON c.id = a.customer_id
        WHERE a.campaign_id = ${campaignId}::uuid AND NOT a.is_holdout
          AND ${contactable("c")}
          ${variantId ? sql`AND a.variant_id = ${variantId}::uuid` : sql``}
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
