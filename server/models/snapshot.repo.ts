import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";
import { allowLargeAggregates, applyReviewSentiment, createFeatureSnapshotTable, distinctReviewTexts, insertFeatures, scoreSentiment, type FeatureTable } from "../features";
import type { FeatureRow } from "./feature-columns";

function featureSelect(table: FeatureTable) {
  return sql`
  SELECT f.customer_id::float8 AS customer_id, f.recency_days, f.frequency, f.monetary_cents::float8 AS monetary_cents,
    f.r_score, f.f_score, f.tenure_days, f.sessions_7d, f.sessions_30d, f.sessions_90d, f.browse_minutes_30d,
    f.browse_minutes_90d, f.active_days_30d, f.purchase_count, f.avg_order_cents, f.discount_share, f.refund_rate,
    f.completion_rate, f.progress_velocity, f.days_since_learning, f.stalled_courses, f.avg_rating,
    f.review_sentiment, f.subscription_status, f.renewal_count, f.price_sensitivity
  FROM ${sql.identifier(table)} f JOIN customers c ON c.id = f.customer_id
  WHERE ${notErased("c")}
  ORDER BY f.customer_id`;
}

function normalise(rows: FeatureRow[]): FeatureRow[] {
  // Drivers return bigint/numeric columns as strings on some engines; models want numbers.
  for (const row of rows) row.customer_id = Number(row.customer_id);
  return rows;
}

/**
 * Features exactly as the feature refresh would have computed them at `asOf`, without touching
 * the live customer_features table: the same INSERT ... SELECT fills a temporary table private to
 * this transaction, so a feature refresh on another worker neither waits for it nor collides
 * with it. Events after `asOf` are invisible to every feature, which keeps labels from the
 * following window out of the inputs.
 */
export async function featuresAsOf(db: Db, asOf: Date): Promise<FeatureRow[]> {
  return db.transaction(async (tx) => {
    await allowLargeAggregates(tx);
    await createFeatureSnapshotTable(tx);
    await insertFeatures(tx, { asOf, subscriptionActiveDays: 35, stalledAfterDays: 30, into: "feature_snapshot" });
    const texts = await distinctReviewTexts(tx, asOf);
    await applyReviewSentiment(tx, asOf, texts.map((text) => ({ text, score: scoreSentiment(text).score })), "feature_snapshot");
    return normalise(await selectRows<FeatureRow & Record<string, unknown>>(tx, featureSelect("feature_snapshot")));
  });
}

/** The live features (as of the last feature refresh): what scoring uses. */
export async function currentFeatures(db: Db): Promise<FeatureRow[]> {
  return normalise(await selectRows<FeatureRow & Record<string, unknown>>(db, featureSelect("customer_features")));
}
