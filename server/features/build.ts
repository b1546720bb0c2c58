import { randomUUID } from "node:crypto";
import { CHUNK_TARGET_MS, nextChunkSize, type Db } from "../db";
import {
  applyReviewSentiment,
  customerIdsInOrder,
  deleteAbandonedBuilds,
  deleteBuild,
  distinctReviewTexts,
  insertFeatures,
  scoreBuildRfm,
  type FeatureSqlOptions,
} from "./features.repo";
import { scoreSentiment } from "./sentiment";

export interface FeatureBuild {
  buildId: string;
  customers: number;
  reviewedCustomers: number;
  distinctReviews: number;
}

const FIRST_CHUNK_CUSTOMERS = 500;
const MIN_CHUNK_CUSTOMERS = 50;
const MAX_CHUNK_CUSTOMERS = 20_000;

/**
 * Computes every customer's features as of `options.asOf` into feature_build_rows under a new
 * build id, customers in id ranges sized so each statement takes about CHUNK_TARGET_MS (on the
 * embedded engine a statement holds the only connection), then the r/f/m ranks and review
 * sentiment over the whole build. Touches no live row: the caller publishes the build (a
 * refresh) or reads it and deletes it (training's point-in-time snapshot). A failed build is
 * deleted; one whose process died is removed by a later build.
 */
export async function buildFeatures(
  db: Db,
  options: FeatureSqlOptions,
  onProgress?: (fraction: number, message: string) => Promise<void> | void,
  /** A fixed number of customers per chunk instead of the adaptive size (tests compare chunkings). */
  fixedChunkCustomers?: number,
): Promise<FeatureBuild> {
  const buildId = randomUUID();
  await deleteAbandonedBuilds(db);
  const ids = await customerIdsInOrder(db);
  try {
    let customers = 0;
    let size = fixedChunkCustomers ?? FIRST_CHUNK_CUSTOMERS;
    let fromId = 0;
    for (let start = 0; start < ids.length; ) {
      const end = Math.min(ids.length, start + size);
      // Ranges cover every id up to the last: a customer added meanwhile falls in some chunk or after all of them.
      const toId = end === ids.length ? Number.MAX_SAFE_INTEGER : ids[end - 1]!;
      const began = performance.now();
      customers += await insertFeatures(db, options, { buildId, fromId, toId });
      if (fixedChunkCustomers === undefined) size = nextChunkSize(size, performance.now() - began, { targetMs: CHUNK_TARGET_MS, min: MIN_CHUNK_CUSTOMERS, max: MAX_CHUNK_CUSTOMERS });
      fromId = toId + 1;
      start = end;
      await onProgress?.(0.05 + (0.75 * start) / ids.length, `Computing behaviour features: ${start} of ${ids.length} customers`);
    }
    await scoreBuildRfm(db, buildId);
    await onProgress?.(0.85, "Scoring review sentiment");
    const texts = await distinctReviewTexts(db, options.asOf);
    const scored = texts.map((text) => ({ text, score: scoreSentiment(text).score }));
    const reviewedCustomers = await applyReviewSentiment(db, options.asOf, scored, buildId);
    return { buildId, customers, reviewedCustomers, distinctReviews: texts.length };
  } catch (error) {
    await deleteBuild(db, buildId).catch(() => undefined);
    throw error;
  }
}
