import type { Db } from "../db";
import { toSafeCsv } from "../ingest";
import { audienceRows } from "./audience.repo";
import { requireCampaign } from "./campaigns.service";

export const AUDIENCE_COLUMNS = ["variant", "variant_name", "customer_id", "display_name", "email", "phone", "message", "coupon_percent_off", "offer_product_id"] as const;

/** Per-variant audience file for a channel run outside the app; every CSV cell is formula-neutralised. */
export async function exportAudience(db: Db, campaignId: string, format: "csv" | "json") {
  const campaign = await requireCampaign(db, campaignId);
  const rows = await audienceRows(db, campaignId);
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `${campaign.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "campaign"}-audience-${stamp}`;
  if (format === "json") {
    const byVariant: Record<string, typeof rows> = {};
    for (const r of rows) (byVariant[r.variantKey] ??= []).push(r);
    return { filename: `${base}.json`, contentType: "application/json", body: JSON.stringify({ campaign: { id: campaign.id, name: campaign.name, channel: campaign.channel }, variants: byVariant }, null, 2), rows: rows.length };
  }
  const body = toSafeCsv(
    AUDIENCE_COLUMNS,
    rows.map((r) => [r.variantKey, r.variantName, r.externalId, r.displayName, r.email, r.phone, r.message, r.couponPercentOff, r.offerProductId]),
  );
  return { filename: `${base}.csv`, contentType: "text/csv", body, rows: rows.length };
}
