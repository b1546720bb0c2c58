import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { AppError } from "../errors";
import { ZHierarchyArtifact } from "../models";
import { compileRule } from "./compile";
import { leavesOfGroup } from "../../lib/shared/hierarchy-cut";
import { findActiveRun, findRun, type ModelTask, type RunRow } from "./model-runs.repo";
import { RFM_PRESETS } from "../../lib/shared/rfm-presets";
import type { ClusterDefinition, CrossSellDefinition, ScoreDefinition, SegmentDefinition } from "./segments.schemas";

/** Churn-risk tiers on the active churn model's probability (documented in segments.schemas). */
export const CHURN_TIER_BOUNDS = { high: [0.6, null], medium: [0.3, 0.6], low: [null, 0.3] } as const;

/** A bigint[] parameter from validated integers: one bound value however long the list. */
function idArray(ids: readonly number[]): SQL {
  return sql`string_to_array(${ids.join(",")}, ',')::bigint[]`;
}

async function runFor(db: Db, task: ModelTask, modelRunId: string | undefined, field: string): Promise<RunRow> {
  const run = modelRunId ? await findRun(db, modelRunId) : await findActiveRun(db, task);
  if (!run) throw new AppError("PRECONDITION_FAILED", modelRunId ? "No model run with that id" : `No active ${task} model run; train and activate one first`, field);
  if (run.task !== task) throw new AppError("BAD_REQUEST", `Model run ${run.id} is a ${run.task} run, not ${task}`, field);
  return run;
}

async function clusterWhere(db: Db, d: ClusterDefinition): Promise<SQL> {
  if (d.cluster !== undefined) {
    const run = await runFor(db, "clusters", d.modelRunId, "cluster");
    return sql`c.id IN (SELECT s.customer_id FROM customer_scores s WHERE s.model_run_id = ${run.id}::uuid AND s.cluster = ${d.cluster})`;
  }
  const cut = d.cut as { groups: number; group: number };
  const run = await runFor(db, "hierarchy", d.modelRunId, "cut");
  const artifact = ZHierarchyArtifact.safeParse(run.artifact);
  if (!artifact.success) throw new AppError("PRECONDITION_FAILED", `Hierarchy run ${run.id} has no readable tree`, "cut");
  if (cut.groups > artifact.data.leafCount) {
    throw new AppError("BAD_REQUEST", `The tree has ${artifact.data.leafCount} leaves; cut.groups must be at most that`, "cut.groups");
  }
  const leaves = leavesOfGroup(artifact.data.leafCount, artifact.data.merges, cut.groups, cut.group);
  return sql`c.id IN (SELECT s.customer_id FROM customer_scores s WHERE s.model_run_id = ${run.id}::uuid
    AND s.cluster = ANY(${idArray(leaves)}::int[]))`;
}

async function scoreWhere(db: Db, d: ScoreDefinition): Promise<SQL> {
  const run = await runFor(db, d.task, undefined, "task");
  if (d.decile !== undefined) {
    // Deciles over the scored, not-erased customers; ties broken by id so a refresh is stable.
    return sql`c.id IN (SELECT q.customer_id FROM (
        SELECT s.customer_id, ntile(10) OVER (ORDER BY s.score DESC, s.customer_id) AS decile
        FROM customer_scores s JOIN customers sc ON sc.id = s.customer_id
        WHERE s.model_run_id = ${run.id}::uuid AND s.score IS NOT NULL AND sc.erased_at IS NULL) q
      WHERE q.decile = ${d.decile})`;
  }
  const [low, high] = CHURN_TIER_BOUNDS[d.tier as keyof typeof CHURN_TIER_BOUNDS];
  const lower = low === null ? sql`TRUE` : sql`s.score >= ${low}`;
  const upper = high === null ? sql`TRUE` : sql`s.score < ${high}`;
  return sql`c.id IN (SELECT s.customer_id FROM customer_scores s WHERE s.model_run_id = ${run.id}::uuid AND ${lower} AND ${upper})`;
}

function crossSellWhere(d: CrossSellDefinition): SQL {
  // Uncorrelated sets (built once), as in compile.ts; customer_id is NOT NULL so NOT IN is safe.
  return sql`c.id IN (SELECT e.customer_id FROM events e WHERE e.type = 'purchase' AND e.product_id = ANY(${idArray(d.antecedent)}::int[])
      GROUP BY e.customer_id HAVING count(DISTINCT e.product_id) = ${d.antecedent.length})
    AND c.id NOT IN (SELECT e.customer_id FROM events e WHERE e.type = 'purchase' AND e.product_id = ANY(${idArray(d.consequent)}::int[]))`;
}

/**
 * The WHERE fragment of any segment definition over SEGMENT_FROM (customers c LEFT JOIN
 * customer_features f). Erased customers never match. Model-based kinds resolve their run now,
 * so a refresh follows whichever run is active.
 */
export async function definitionWhere(db: Db, definition: SegmentDefinition, asOf: Date): Promise<SQL> {
  switch (definition.kind) {
    case "rule":
      return compileRule(definition.rule, { asOf });
    case "rfm":
      return compileRule(RFM_PRESETS[definition.preset].rule, { asOf });
    case "cluster":
      return sql`c.erased_at IS NULL AND ${await clusterWhere(db, definition)}`;
    case "score":
      return sql`c.erased_at IS NULL AND ${await scoreWhere(db, definition)}`;
    case "cross_sell":
      return sql`c.erased_at IS NULL AND ${crossSellWhere(definition)}`;
    case "manual":
      return definition.customerIds.length === 0
        ? sql`FALSE`
        : sql`c.erased_at IS NULL AND c.id = ANY(${idArray(definition.customerIds)})`;
  }
}
