import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";
import { buildFeatures, deleteBuild } from "../features";
import type { FeatureRow } from "./feature-columns";

function featureSelect(source: { build: string } | "live") {
  return sql`
  SELECT f.customer_id::float8 AS customer_id, f.recency_days, f.frequency, f.monetary_cents::float8 AS monetary_cents,
    f.r_score, f.f_score, f.tenure_days, f.sessions_7d, f.sessions_30d, f.sessions_90d, f.browse_minutes_30d,
    f.browse_minutes_90d, f.active_days_30d, f.purchase_count, f.avg_order_cents, f.discount_share, f.refund_rate,
    f.completion_rate, f.progress_velocity, f.days_since_learning, f.stalled_courses, f.avg_rating,
    f.review_sentiment, f.subscription_status, f.renewal_count, f.price_sensitivity
  FROM ${source === "live" ? sql`customer_features` : sql`feature_build_rows`} f JOIN customers c ON c.id = f.customer_id
  WHERE ${notErased("c")} ${source === "live" ? sql`` : sql`AND f.build_id = ${source.build}`}
  ORDER BY f.customer_id`;
}

function normalise(rows: FeatureRow[]): FeatureRow[] {
  // Drivers return bigint/numeric columns as strings on some engines; models want numbers.
  for (const row of rows) row.customer_id = Number(row.customer_id);
  return rows;
}

/**
 * Features exactly as the feature refresh would have computed them at `asOf`, without touching
 * the live customer_features table: the same statements build them under a build id of their
 * own (in short chunks, see buildFeatures), which are read and deleted, so a feature refresh on
 * another worker neither waits for it nor collides with it. Events after `asOf` are invisible to
 * every feature, which keeps labels from the following window out of the inputs.
 */
export async function featuresAsOf(db: Db, asOf: Date): Promise<FeatureRow[]> {
  const build = await buildFeatures(db, { asOf, subscriptionActiveDays: 35, stalledAfterDays: 30 });
  try {
    return normalise(await selectRows<FeatureRow & Record<string, unknown>>(db, featureSelect({ build: build.buildId })));
  } finally {
    await deleteBuild(db, build.buildId);
  }
}

/** The live features (as of the last feature refresh): what scoring uses. */
export async function currentFeatures(db: Db): Promise<FeatureRow[]> {
  return normalise(await selectRows<FeatureRow & Record<string, unknown>>(db, featureSelect("live")));
}
