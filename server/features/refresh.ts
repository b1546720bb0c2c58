import type { Db } from "../db";
import { allowLargeAggregates, applyReviewSentiment, deleteAllFeatures, distinctReviewTexts, insertFeatures, latestEventTime, lockFeatureRefresh } from "./features.repo";
import { scoreSentiment } from "./sentiment";

export interface RefreshOptions {
  /** Override the "as of" time (default: the latest event time in the data, or now without events). */
  asOf?: Date;
  /** Days a subscription stays "active" after its last payment (default 35: a 30-day period plus 5 days' grace). */
  subscriptionActiveDays?: number;
  /** Days without progress after which an unfinished course counts as stalled (default 30). */
  stalledAfterDays?: number;
}

export interface RefreshSummary {
  customers: number;
  reviewedCustomers: number;
  distinctReviews: number;
  asOf: string;
  seconds: number;
}

export type ProgressListener = (fraction: number, message: string) => void | Promise<void>;

/**
 * Rebuilds customer_features for every customer, replacing all rows in one transaction: readers
 * see the old rows until the new ones commit, and a failure leaves the old rows in place.
 *
 * Progress is reported without awaiting the listener inside the transaction: on the embedded
 * engine the transaction holds the only connection, so a listener that writes to the database
 * must not block it. All reports have settled when the function returns.
 */
export async function refreshFeatures(db: Db, onProgress?: ProgressListener, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const pending: Array<Promise<unknown>> = [];
  const report = (fraction: number, message: string) => {
    if (!onProgress) return;
    pending.push(
      Promise.resolve()
        .then(() => onProgress(fraction, message))
        .catch(() => undefined),
    );
  };
  try {
    report(0, "Finding the as-of time");
    const asOf = options.asOf ?? (await latestEventTime(db)) ?? new Date();
    const sqlOptions = {
      asOf,
      subscriptionActiveDays: options.subscriptionActiveDays ?? 35,
      stalledAfterDays: options.stalledAfterDays ?? 30,
    };
    const result = await db.transaction(async (tx) => {
      await lockFeatureRefresh(tx);
      await allowLargeAggregates(tx);
      report(0.05, "Clearing previous features");
      await deleteAllFeatures(tx);
      report(0.1, "Computing behaviour features");
      const customers = await insertFeatures(tx, sqlOptions);
      report(0.8, "Scoring review sentiment");
      const texts = await distinctReviewTexts(tx, asOf);
      const scored = texts.map((text) => ({ text, score: scoreSentiment(text).score }));
      report(0.9, "Writing review sentiment");
      const reviewedCustomers = await applyReviewSentiment(tx, asOf, scored);
      return { customers, reviewedCustomers, distinctReviews: texts.length };
    });
    const seconds = (performance.now() - started) / 1000;
    report(1, `Features refreshed for ${result.customers} customers`);
    return { ...result, asOf: asOf.toISOString(), seconds };
  } finally {
    // The transaction is over: let the progress writes land before returning, so none is left in flight.
    await Promise.all(pending);
  }
}
