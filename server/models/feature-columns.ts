/**
 * The numeric model inputs, by name, and how each is computed from a customer_features row.
 * A model stores the names it was trained on (artifact.features), so scoring rebuilds exactly
 * the same columns. Skewed counts and amounts enter as log1p so that one whale does not
 * dominate a distance or a standardised coefficient. Missing values stay NaN (standardisation
 * then imputes the training mean).
 */
export interface FeatureRow {
  customer_id: number;
  recency_days: number | null;
  frequency: number;
  monetary_cents: number;
  r_score: number | null;
  f_score: number | null;
  tenure_days: number | null;
  sessions_7d: number;
  sessions_30d: number;
  sessions_90d: number;
  browse_minutes_30d: number;
  browse_minutes_90d: number;
  active_days_30d: number;
  purchase_count: number;
  avg_order_cents: number | null;
  discount_share: number | null;
  refund_rate: number | null;
  completion_rate: number | null;
  progress_velocity: number | null;
  days_since_learning: number | null;
  stalled_courses: number;
  avg_rating: number | null;
  review_sentiment: number | null;
  subscription_status: string | null;
  renewal_count: number;
  price_sensitivity: number | null;
}

const num = (v: number | string | null | undefined): number => (v === null || v === undefined ? NaN : Number(v));
const log1p = (v: number | string | null | undefined): number => {
  const x = num(v);
  return Number.isNaN(x) ? NaN : Math.log1p(Math.max(0, x));
};

export const FEATURE_DEFS = {
  recency_days: (r: FeatureRow) => num(r.recency_days),
  log_frequency: (r: FeatureRow) => log1p(r.frequency),
  log_monetary: (r: FeatureRow) => log1p(r.monetary_cents),
  tenure_days: (r: FeatureRow) => num(r.tenure_days),
  log_sessions_7d: (r: FeatureRow) => log1p(r.sessions_7d),
  log_sessions_30d: (r: FeatureRow) => log1p(r.sessions_30d),
  log_sessions_90d: (r: FeatureRow) => log1p(r.sessions_90d),
  log_browse_minutes_30d: (r: FeatureRow) => log1p(r.browse_minutes_30d),
  log_browse_minutes_90d: (r: FeatureRow) => log1p(r.browse_minutes_90d),
  active_days_30d: (r: FeatureRow) => num(r.active_days_30d),
  log_purchase_count: (r: FeatureRow) => log1p(r.purchase_count),
  log_avg_order: (r: FeatureRow) => log1p(r.avg_order_cents),
  discount_share: (r: FeatureRow) => num(r.discount_share),
  refund_rate: (r: FeatureRow) => num(r.refund_rate),
  completion_rate: (r: FeatureRow) => num(r.completion_rate),
  progress_velocity: (r: FeatureRow) => num(r.progress_velocity),
  days_since_learning: (r: FeatureRow) => num(r.days_since_learning),
  stalled_courses: (r: FeatureRow) => num(r.stalled_courses),
  avg_rating: (r: FeatureRow) => num(r.avg_rating),
  review_sentiment: (r: FeatureRow) => num(r.review_sentiment),
  subscription_active: (r: FeatureRow) => (r.subscription_status === "active" ? 1 : 0),
  subscription_cancelled: (r: FeatureRow) => (r.subscription_status === "cancelled" ? 1 : 0),
  renewal_count: (r: FeatureRow) => num(r.renewal_count),
  price_sensitivity: (r: FeatureRow) => num(r.price_sensitivity),
} satisfies Record<string, (r: FeatureRow) => number>;

export type FeatureName = keyof typeof FEATURE_DEFS;
export const ALL_FEATURES = Object.keys(FEATURE_DEFS) as FeatureName[];

export function isFeatureName(name: string): name is FeatureName {
  return Object.prototype.hasOwnProperty.call(FEATURE_DEFS, name);
}

/**
 * Features outlier capping leaves alone: indicators (capping a rare 1 would erase it) and values
 * bounded by construction (shares, rates, ratings, sentiment), which have no runaway tail.
 */
const UNCAPPED_FEATURES: ReadonlySet<FeatureName> = new Set<FeatureName>([
  "subscription_active",
  "subscription_cancelled",
  "discount_share",
  "refund_rate",
  "completion_rate",
  "avg_rating",
  "review_sentiment",
  "price_sensitivity",
]);

/** Whether outlier capping applies to a model feature (unbounded counts, amounts and durations). */
export function isCappable(name: string): boolean {
  return isFeatureName(name) && !UNCAPPED_FEATURES.has(name);
}

/**
 * Clustering describes behaviour, so it leaves out features that are mostly missing by design
 * (ratings, sentiment) and the ones that only restate others at another window.
 */
export const CLUSTER_FEATURES: FeatureName[] = [
  "recency_days",
  "log_frequency",
  "log_monetary",
  "tenure_days",
  "log_sessions_30d",
  "log_browse_minutes_30d",
  "active_days_30d",
  "log_avg_order",
  "discount_share",
  "completion_rate",
  "progress_velocity",
  "stalled_courses",
  "subscription_active",
  "renewal_count",
  "price_sensitivity",
];

/** Row-major matrix of the named features; unknown names are refused rather than silently zeroed. */
export function buildFeatureMatrix(rows: readonly FeatureRow[], names: readonly string[]): Float64Array {
  const fns = names.map((name) => {
    if (!isFeatureName(name)) throw new Error(`Unknown model feature: ${name}`);
    return FEATURE_DEFS[name];
  });
  const d = names.length;
  const out = new Float64Array(rows.length * d);
  rows.forEach((row, i) => {
    for (let j = 0; j < d; j++) out[i * d + j] = fns[j]!(row);
  });
  return out;
}
