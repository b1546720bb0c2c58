import { isMoneyField } from "../../lib/shared/money-fields";

/**
 * The numeric measures of customer_features the outlier report covers. The r/f/m scores are
 * left out (quintiles 1..5 have no tail), and so are the text and json columns.
 */
export const OUTLIER_FEATURES = [
  "recency_days",
  "frequency",
  "monetary_cents",
  "tenure_days",
  "sessions_7d",
  "sessions_30d",
  "sessions_90d",
  "browse_minutes_7d",
  "browse_minutes_30d",
  "browse_minutes_90d",
  "active_days_30d",
  "purchase_count",
  "avg_order_cents",
  "discount_share",
  "refund_rate",
  "completion_rate",
  "progress_velocity",
  "days_since_learning",
  "stalled_courses",
  "avg_rating",
  "review_sentiment",
  "renewal_count",
  "price_sensitivity",
] as const;
export type OutlierFeature = (typeof OUTLIER_FEATURES)[number];

/** The two caps the report shows, as percentiles (the model training setting offers the same). */
export const REPORT_PERCENTILES = [95, 99] as const;

/** One feature's distribution from the first pass: non-missing count, range and percentile caps. */
export interface FeatureDistribution {
  feature: OutlierFeature;
  count: number;
  min: number | null;
  max: number | null;
  p95: number | null;
  p99: number | null;
}

/** The second pass: how many values lie strictly above each cap. */
export interface CapCounts {
  above95: number;
  above99: number;
}

export interface OutlierRow {
  feature: OutlierFeature;
  /** Amount in cents of CN¥: the screen formats min, max and caps as money. */
  money: boolean;
  count: number;
  min: number | null;
  max: number | null;
  cap95: number | null;
  above95: number;
  share95: number;
  cap99: number | null;
  above99: number;
  share99: number;
}

export interface OutlierReport {
  asOf: Date | null;
  customers: number;
  features: OutlierRow[];
}

/**
 * Joins both passes into the report: one row per feature that has any value, in column order,
 * with the share of its values each cap would clip. No features yet gives an empty list.
 */
export function buildOutlierReport(
  pass: { asOf: Date | null; customers: number; distributions: readonly FeatureDistribution[] },
  counts: ReadonlyMap<OutlierFeature, CapCounts>,
): OutlierReport {
  const byFeature = new Map(pass.distributions.map((d) => [d.feature, d] as const));
  const features: OutlierRow[] = [];
  for (const feature of OUTLIER_FEATURES) {
    const d = byFeature.get(feature);
    if (!d || d.count === 0) continue;
    const c = counts.get(feature) ?? { above95: 0, above99: 0 };
    features.push({
      feature,
      money: isMoneyField(feature),
      count: d.count,
      min: d.min,
      max: d.max,
      cap95: d.p95,
      above95: c.above95,
      share95: c.above95 / d.count,
      cap99: d.p99,
      above99: c.above99,
      share99: c.above99 / d.count,
    });
  }
  return { asOf: pass.asOf, customers: pass.customers, features };
}
