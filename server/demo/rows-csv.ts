import type { DemoProduct } from "./catalogue";
import { csvJson, csvText } from "./csv";
import type { CustomerProfile } from "./profiles";

export const PRODUCT_COLUMNS = ["id", "external_id", "kind", "title_zh", "title_en", "category", "price_cents", "is_free", "attributes"] as const;

export const CUSTOMER_COLUMNS = [
  "id",
  "external_id",
  "display_name",
  "email",
  "phone",
  "signup_at",
  "acquisition_channel",
  "region",
  "city_tier",
  "age_band",
  "device",
  "marketing_consent",
  "attributes",
] as const;

export const TRUTH_COLUMNS = ["customer_id", "demo_run_id", "persona", "churns_after_cutoff", "true_uplift", "track"] as const;

export function productRow(p: DemoProduct, idBase: number): string {
  const attributes = JSON.stringify({ topic: p.topic, level: p.level, lessons: p.lessons });
  return `${idBase + p.index + 1},${p.externalId},${p.kind},${csvText(p.titleZh)},${csvText(p.titleEn)},${p.category},${p.priceCents},${p.isFree},${csvJson(attributes)}\n`;
}

/** Only what a real platform would know about a customer: no persona, churn or uplift here. */
export function customerRow(c: CustomerProfile, idBase: number, signupText: string): string {
  const attributes = JSON.stringify({ locale: c.language === "zh" ? "zh-CN" : "en-US", declared_interests: c.declaredInterests });
  return `${idBase + c.index + 1},${c.externalId},${csvText(c.displayName)},${csvText(c.email)},${c.phone},${signupText},${c.acquisitionChannel},${csvText(c.region)},${c.cityTier},${c.ageBand},${c.device},${c.marketingConsent},${csvJson(attributes)}\n`;
}

export function truthRow(c: CustomerProfile, idBase: number, demoRunId: number, trackKey: string | null): string {
  return `${idBase + c.index + 1},${demoRunId},${c.persona},${c.churns},${c.trueUplift},${trackKey ?? ""}\n`;
}
