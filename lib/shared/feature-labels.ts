/** Short English phrases for cluster names ("high completion, low discount share"). */
const PHRASES: Record<string, string> = {
  recency_days: "days since purchase",
  log_frequency: "purchase frequency",
  log_monetary: "spend",
  tenure_days: "tenure",
  log_sessions_7d: "sessions (7d)",
  log_sessions_30d: "sessions",
  log_sessions_90d: "sessions (90d)",
  log_browse_minutes_30d: "browsing time",
  log_browse_minutes_90d: "browsing time (90d)",
  active_days_30d: "active days",
  log_purchase_count: "purchases",
  log_avg_order: "order value",
  discount_share: "discount share",
  refund_rate: "refund rate",
  completion_rate: "completion",
  progress_velocity: "learning pace",
  days_since_learning: "days since learning",
  stalled_courses: "stalled courses",
  avg_rating: "rating",
  review_sentiment: "review sentiment",
  subscription_active: "active subscription",
  subscription_cancelled: "cancelled subscription",
  renewal_count: "renewals",
  price_sensitivity: "price sensitivity",
};

export function featurePhrase(feature: string): string {
  return PHRASES[feature] ?? feature.replace(/_/g, " ");
}

/** The feature a phrase of featurePhrase came from, so the UI can show a cluster name in its own language. */
export function featureForPhrase(phrase: string): string | null {
  for (const [feature, text] of Object.entries(PHRASES)) if (text === phrase) return feature;
  return null;
}

/** Names a centroid (standardised space) by its two most distinctive features. */
export function nameCentroid(features: readonly string[], centroid: readonly number[]): string {
  const ranked = centroid.map((v, j) => ({ v, j })).sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
  const parts = ranked.slice(0, 2).filter((r) => Math.abs(r.v) >= 0.25).map((r) => `${r.v > 0 ? "high" : "low"} ${featurePhrase(features[r.j]!)}`);
  return parts.length ? parts.join(", ") : "average on every feature";
}
