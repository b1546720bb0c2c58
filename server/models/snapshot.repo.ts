import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";
import { allowLargeAggregates, applyReviewSentiment, deleteAllFeatures, distinctReviewTexts, insertFeatures, scoreSentiment } from "../features";
import type { FeatureRow } from "./feature-columns";

const FEATURE_SELECT = sql`
  SELECT f.customer_id::float8 AS customer_id, f.recency_days, f.frequency, f.monetary_cents::float8 AS monetary_cents,
    f.r_score, f.f_score, f.tenure_days, f.sessions_7d, f.sessions_30d, f.sessions_90d, f.browse_minutes_30d,
    f.browse_minutes_90d, f.active_days_30d, f.purchase_count, f.avg_order_cents, f.discount_share, f.refund_rate,
    f.completion_rate, f.progress_velocity, f.days_since_learning, f.stalled_courses, f.avg_rating,
    f.review_sentiment, f.subscription_status, f.renewal_count, f.price_sensitivity
  FROM customer_features f JOIN customers c ON c.id = f.customer_id
  WHERE c.erased_at IS NULL
  ORDER BY f.customer_id`;

function normalise(rows: FeatureRow[]): FeatureRow[] {
  // Drivers return bigint/numeric columns as strings on some engines; models want numbers.
  for (const row of rows) row.customer_id = Number(row.customer_id);
  return rows;
}

/** Thrown to roll the scratch transaction back once the point-in-time rows are in memory. */
class SnapshotRead extends Error {
  constructor(readonly rows: FeatureRow[]) {
    super("snapshot read (rolled back on purpose)");
  }
}

/**
 * Features exactly as the feature refresh would have computed them at `asOf`, without touching
 * the live customer_features table: the same INSERT ... SELECT runs inside a transaction that
 * is rolled back after the rows are read. Events after `asOf` are invisible to every feature,
 * which is what keeps labels from the following window out of the inputs.
 */
export async function featuresAsOf(db: Db, asOf: Date): Promise<FeatureRow[]> {
  try {
    await db.transaction(async (tx) => {
      await allowLargeAggregates(tx);
      await deleteAllFeatures(tx);
      await insertFeatures(tx, { asOf, subscriptionActiveDays: 35, stalledAfterDays: 30 });
      const texts = await distinctReviewTexts(tx, asOf);
      await applyReviewSentiment(tx, asOf, texts.map((text) => ({ text, score: scoreSentiment(text).score })));
      throw new SnapshotRead(normalise(await selectRows<FeatureRow & Record<string, unknown>>(tx, FEATURE_SELECT)));
    });
  } catch (error) {
    if (error instanceof SnapshotRead) return error.rows;
    throw error;
  }
  throw new Error("unreachable: the snapshot transaction always rolls back");
}

/** The live features (as of the last feature refresh): what scoring uses. */
export async function currentFeatures(db: Db): Promise<FeatureRow[]> {
  return normalise(await selectRows<FeatureRow & Record<string, unknown>>(db, FEATURE_SELECT));
}
