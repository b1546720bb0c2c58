import { sql, type SQL } from "drizzle-orm";

/**
 * The only column names a rule can reach. A rule names a field by key; the SQL expression comes
 * from these tables, so user input never becomes SQL text.
 */
import { ATTRIBUTE_TYPES, FEATURE_TYPES, OPERATORS, OPERATORS_BY_TYPE, type FieldType, type Operator } from "../../lib/shared/segment-fields";

export { OPERATORS, OPERATORS_BY_TYPE, type FieldType, type Operator };

export interface FieldSpec {
  type: FieldType;
  expr: SQL;
}

export const ATTRIBUTE_FIELDS = {
  acquisition_channel: { type: "text", expr: sql`c.acquisition_channel` },
  region: { type: "text", expr: sql`c.region` },
  city_tier: { type: "number", expr: sql`c.city_tier` },
  age_band: { type: "text", expr: sql`c.age_band` },
  device: { type: "text", expr: sql`c.device` },
  marketing_consent: { type: "boolean", expr: sql`c.marketing_consent` },
  signup_at: { type: "timestamp", expr: sql`c.signup_at` },
} as const satisfies Record<string, FieldSpec>;

export const FEATURE_FIELDS = {
  recency_days: { type: "number", expr: sql`f.recency_days` },
  frequency: { type: "number", expr: sql`f.frequency` },
  monetary_cents: { type: "number", expr: sql`f.monetary_cents` },
  r_score: { type: "number", expr: sql`f.r_score` },
  f_score: { type: "number", expr: sql`f.f_score` },
  m_score: { type: "number", expr: sql`f.m_score` },
  // The FM axis of the RFM grid: half-steps from 1 to 5, null when either score is missing.
  fm_score: { type: "number", expr: sql`((f.f_score + f.m_score) / 2.0)` },
  tenure_days: { type: "number", expr: sql`f.tenure_days` },
  sessions_7d: { type: "number", expr: sql`f.sessions_7d` },
  sessions_30d: { type: "number", expr: sql`f.sessions_30d` },
  sessions_90d: { type: "number", expr: sql`f.sessions_90d` },
  active_days_30d: { type: "number", expr: sql`f.active_days_30d` },
  purchase_count: { type: "number", expr: sql`f.purchase_count` },
  avg_order_cents: { type: "number", expr: sql`f.avg_order_cents` },
  discount_share: { type: "number", expr: sql`f.discount_share` },
  refund_rate: { type: "number", expr: sql`f.refund_rate` },
  completion_rate: { type: "number", expr: sql`f.completion_rate` },
  progress_velocity: { type: "number", expr: sql`f.progress_velocity` },
  days_since_learning: { type: "number", expr: sql`f.days_since_learning` },
  stalled_courses: { type: "number", expr: sql`f.stalled_courses` },
  avg_rating: { type: "number", expr: sql`f.avg_rating` },
  review_sentiment: { type: "number", expr: sql`f.review_sentiment` },
  subscription_status: { type: "text", expr: sql`f.subscription_status` },
  renewal_count: { type: "number", expr: sql`f.renewal_count` },
  price_sensitivity: { type: "number", expr: sql`f.price_sensitivity` },
} as const satisfies Record<string, FieldSpec>;

/** Numeric features compared against the population on the drill-down. */
export const PROFILE_FEATURES = (Object.keys(FEATURE_FIELDS) as Array<keyof typeof FEATURE_FIELDS>).filter(
  (name) => FEATURE_FIELDS[name].type === "number" && name !== "fm_score",
);
export type ProfileFeature = (typeof PROFILE_FEATURES)[number];

export type AttributeField = keyof typeof ATTRIBUTE_FIELDS;
export type FeatureField = keyof typeof FEATURE_FIELDS;

export const ATTRIBUTE_FIELD_NAMES = Object.keys(ATTRIBUTE_FIELDS) as [AttributeField, ...AttributeField[]];
export const FEATURE_FIELD_NAMES = Object.keys(FEATURE_FIELDS) as [FeatureField, ...FeatureField[]];

// The browser's catalogue and these SQL maps must name the same fields with the same types.
const attributeTypesMatch: { [K in keyof typeof ATTRIBUTE_FIELDS]: (typeof ATTRIBUTE_FIELDS)[K]["type"] } = ATTRIBUTE_TYPES;
const featureTypesMatch: { [K in keyof typeof FEATURE_FIELDS]: (typeof FEATURE_FIELDS)[K]["type"] } = FEATURE_TYPES;
void attributeTypesMatch;
void featureTypesMatch;
