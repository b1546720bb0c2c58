import type { Db } from "../db";
import { buildFeatures } from "./build";
import { latestEventTime, lockFeatureRefresh, publishBuild } from "./features.repo";

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
 * Rebuilds customer_features for every customer: the features are built chunk by chunk beside
 * the live rows (see buildFeatures), then swapped in by one short transaction, so readers see the
 * old rows until then and a failure leaves them in place. Two refreshes on two workers each
 * build their own rows; the swap is serialised by an advisory lock.
 */
export async function refreshFeatures(db: Db, onProgress?: ProgressListener, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const started = performance.now();
  const report = async (fraction: number, message: string) => {
    await onProgress?.(fraction, message);
  };
  await report(0, "Finding the as-of time");
  const asOf = options.asOf ?? (await latestEventTime(db)) ?? new Date();
  const build = await buildFeatures(db, {
    asOf,
    subscriptionActiveDays: options.subscriptionActiveDays ?? 35,
    stalledAfterDays: options.stalledAfterDays ?? 30,
  }, report);
  await report(0.95, "Publishing the new features");
  const customers = await db.transaction(async (tx) => {
    await lockFeatureRefresh(tx);
    return publishBuild(tx, build.buildId);
  });
  const seconds = (performance.now() - started) / 1000;
  await report(1, `Features refreshed for ${customers} customers`);
  return { customers, reviewedCustomers: build.reviewedCustomers, distinctReviews: build.distinctReviews, asOf: asOf.toISOString(), seconds };
}
