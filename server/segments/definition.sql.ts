import { sql, type SQL } from "drizzle-orm";
import { notErased } from "../db";
import type { CrossSellDefinition } from "./segments.schemas";

/**
 * WHERE fragments of the model-based and manual segment definitions, over SEGMENT_FROM (customers c
 * LEFT JOIN customer_features f). Each takes what definition.service resolved (the run, the leaves
 * of a cut) and runs nothing; erased customers never match.
 */

/** Churn-risk tiers on the active churn model's probability (documented in segments.schemas). */
export const CHURN_TIER_BOUNDS = { high: [0.6, null], medium: [0.3, 0.6], low: [null, 0.3] } as const;
export type ChurnTier = keyof typeof CHURN_TIER_BOUNDS;

/** A bigint[] parameter from validated integers: one bound value however long the list. */
function idArray(ids: readonly number[]): SQL {
  return sql`string_to_array(${ids.join(",")}, ',')::bigint[]`;
}

function live(where: SQL): SQL {
  return sql`${notErased("c")} AND ${where}`;
}

/** Customers in one K-means cluster of a run. */
export function clusterWhere(runId: string, cluster: number): SQL {
  return live(sql`c.id IN (SELECT s.customer_id FROM customer_scores s WHERE s.model_run_id = ${runId}::uuid AND s.cluster = ${cluster})`);
}

/** Customers in any of the given leaves of a hierarchy run (one group of a cut). */
export function leavesWhere(runId: string, leaves: readonly number[]): SQL {
  return live(sql`c.id IN (SELECT s.customer_id FROM customer_scores s WHERE s.model_run_id = ${runId}::uuid
    AND s.cluster = ANY(${idArray(leaves)}::int[]))`);
}

/** Customers in one score decile of a run. */
export function decileWhere(runId: string, decile: number): SQL {
  // Deciles over the scored, not-erased customers; ties broken by id so a refresh is stable.
  return live(sql`c.id IN (SELECT q.customer_id FROM (
        SELECT s.customer_id, ntile(10) OVER (ORDER BY s.score DESC, s.customer_id) AS decile
        FROM customer_scores s JOIN customers sc ON sc.id = s.customer_id
        WHERE s.model_run_id = ${runId}::uuid AND s.score IS NOT NULL AND ${notErased("sc")}) q
      WHERE q.decile = ${decile})`);
}

/** Customers in one churn-risk tier of a run. */
export function tierWhere(runId: string, tier: ChurnTier): SQL {
  const [low, high] = CHURN_TIER_BOUNDS[tier];
  const lower = low === null ? sql`TRUE` : sql`s.score >= ${low}`;
  const upper = high === null ? sql`TRUE` : sql`s.score < ${high}`;
  return live(sql`c.id IN (SELECT s.customer_id FROM customer_scores s WHERE s.model_run_id = ${runId}::uuid AND ${lower} AND ${upper})`);
}

/** Bought every antecedent product and none of the consequent ones. */
export function crossSellWhere(d: CrossSellDefinition): SQL {
  // Uncorrelated sets (built once), as in compile.sql.ts; customer_id is NOT NULL so NOT IN is safe.
  return live(sql`c.id IN (SELECT e.customer_id FROM events e WHERE e.type = 'purchase' AND e.product_id = ANY(${idArray(d.antecedent)}::int[])
      GROUP BY e.customer_id HAVING count(DISTINCT e.product_id) = ${d.antecedent.length})
    AND c.id NOT IN (SELECT e.customer_id FROM events e WHERE e.type = 'purchase' AND e.product_id = ANY(${idArray(d.consequent)}::int[]))`);
}

/** A hand-picked list of customers; an empty list matches no one. */
export function manualWhere(customerIds: readonly number[]): SQL {
  return customerIds.length === 0 ? sql`FALSE` : live(sql`c.id = ANY(${idArray(customerIds)})`);
}
