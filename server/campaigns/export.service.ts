import { recordAudit } from "../audit";
import { can } from "../auth";
import type { Db } from "../db";
import { AppError } from "../errors";
import { toSafeCsv } from "../ingest";
import { audienceRows, audienceSize, type AudienceRow } from "./audience.repo";
import { requireCampaign, type Actor } from "./campaigns.service";

const PERSONAL_COLUMNS = ["display_name", "email", "phone"] as const;

/** The columns of a campaign audience export: personal ones only for holders of audience.export_pii. */
export function audienceColumns(withPersonalData: boolean): readonly string[] {
  return ["variant", "variant_name", "customer_id", ...(withPersonalData ? PERSONAL_COLUMNS : []), "message", "coupon_percent_off", "offer_product_id"];
}

function jsonRow(row: AudienceRow, withPersonalData: boolean) {
  if (withPersonalData) return row;
  const { displayName: _name, email: _email, phone: _phone, ...rest } = row;
  return rest;
}

/**
 * Per-variant audience file for a channel run outside the app. Refused below `minSize` contactable
 * customers (a tiny campaign singles people out) before any row is read; name, e-mail and phone
 * only for holders of audience.export_pii; every CSV cell is formula-neutralised. Every export is
 * audited (campaign, format, rows, whether it held personal data), refusals too.
 */
export async function exportAudience(db: Db, actor: Actor, campaignId: string, format: "csv" | "json", minSize: number) {
  const campaign = await requireCampaign(db, campaignId);
  const size = await audienceSize(db, campaignId);
  const personalData = can(actor.role, "audience.export_pii");
  if (size < minSize) {
    await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "campaigns.export_refused", target: campaign.name, detail: { id: campaign.id, format, rows: size, minSize, personalData } });
    throw new AppError("PRECONDITION_FAILED", `This campaign's audience has ${size} contactable customers; exports need at least ${minSize}`, "id");
  }
  const rows = await audienceRows(db, campaignId, undefined, personalData);
  await recordAudit(db, { actorId: actor.id, actorEmail: actor.email, action: "campaigns.export", target: campaign.name, detail: { id: campaign.id, format, rows: rows.length, minSize, personalData } });
  const stamp = new Date().toISOString().slice(0, 10);
  const base = `${campaign.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "campaign"}-audience-${stamp}`;
  if (format === "json") {
    const byVariant: Record<string, ReturnType<typeof jsonRow>[]> = {};
    for (const r of rows) (byVariant[r.variantKey] ??= []).push(jsonRow(r, personalData));
    return { filename: `${base}.json`, contentType: "application/json", body: JSON.stringify({ campaign: { id: campaign.id, name: campaign.name, channel: campaign.channel }, variants: byVariant }, null, 2), rows: rows.length, personalData };
  }
  const body = toSafeCsv(
    audienceColumns(personalData),
    rows.map((r) => [r.variantKey, r.variantName, r.externalId, ...(personalData ? [r.displayName, r.email, r.phone] : []), r.message, r.couponPercentOff, r.offerProductId]),
  );
  return { filename: `${base}.csv`, contentType: "text/csv", body, rows: rows.length, personalData };
}
