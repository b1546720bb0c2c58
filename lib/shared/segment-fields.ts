/**
 * Names, types and operators of the fields a rule can use, without any SQL: the rule builder in
 * the browser imports this, fields.ts maps the same names to SQL on the server.
 */
export type FieldType = "text" | "number" | "boolean" | "timestamp";

export const ATTRIBUTE_TYPES = {
  acquisition_channel: "text",
  region: "text",
  city_tier: "number",
  age_band: "text",
  device: "text",
  marketing_consent: "boolean",
  signup_at: "timestamp",
} as const satisfies Record<string, FieldType>;

export const FEATURE_TYPES = {
  recency_days: "number",
  frequency: "number",
  monetary_cents: "number",
  r_score: "number",
  f_score: "number",
  m_score: "number",
  fm_score: "number",
  tenure_days: "number",
  sessions_7d: "number",
  sessions_30d: "number",
  sessions_90d: "number",
  active_days_30d: "number",
  purchase_count: "number",
  avg_order_cents: "number",
  discount_share: "number",
  refund_rate: "number",
  completion_rate: "number",
  progress_velocity: "number",
  days_since_learning: "number",
  stalled_courses: "number",
  avg_rating: "number",
  review_sentiment: "number",
  subscription_status: "text",
  renewal_count: "number",
  price_sensitivity: "number",
} as const satisfies Record<string, FieldType>;

type TextFieldOf<T> = { [K in keyof T]: T[K] extends "text" ? K : never }[keyof T];

/**
 * Text-valued inputs of the rule builder that suggest the values already in the data: every text
 * attribute and feature, and the product category of the behaviour and purchase conditions.
 */
export const SUGGESTIBLE_FIELDS = ["acquisition_channel", "region", "age_band", "device", "subscription_status", "category"] as const satisfies readonly (
  | TextFieldOf<typeof ATTRIBUTE_TYPES>
  | TextFieldOf<typeof FEATURE_TYPES>
  | "category"
)[];
export type SuggestibleField = (typeof SUGGESTIBLE_FIELDS)[number];
// Every text field must be listed: a new one fails to compile here until it is.
const everyTextFieldListed: Exclude<TextFieldOf<typeof ATTRIBUTE_TYPES> | TextFieldOf<typeof FEATURE_TYPES>, SuggestibleField> extends never ? true : false = true;
void everyTextFieldListed;

export function isSuggestibleField(field: string): field is SuggestibleField {
  return (SUGGESTIBLE_FIELDS as readonly string[]).includes(field);
}

export const OPERATORS = ["eq", "neq", "in", "not_in", "gt", "gte", "lt", "lte", "between", "is_null", "is_not_null"] as const;
export type Operator = (typeof OPERATORS)[number];

/** Which operators make sense for each type; anything else is refused by the schema. */
export const OPERATORS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
  text: ["eq", "neq", "in", "not_in", "is_null", "is_not_null"],
  number: OPERATORS,
  boolean: ["eq", "neq", "is_null", "is_not_null"],
  timestamp: ["gt", "gte", "lt", "lte", "between", "is_null", "is_not_null"],
};

export const SEGMENT_KIND_NAMES = ["rule", "rfm", "cluster", "score", "cross_sell", "manual"] as const;
