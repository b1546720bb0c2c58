import type { SQL } from "drizzle-orm";
import type { Db } from "../db";
import { AppError } from "../errors";
import { ZHierarchyArtifact } from "../models";
import { compileRule } from "./compile.sql";
import { clusterWhere, crossSellWhere, decileWhere, leavesWhere, manualWhere, tierWhere, type ChurnTier } from "./definition.sql";
import { leavesOfGroup } from "../../lib/shared/hierarchy-cut";
import { findActiveRun, findRun, type ModelTask, type RunRow } from "./model-runs.repo";
import { RFM_PRESETS } from "../../lib/shared/rfm-presets";
import type { ClusterDefinition, ScoreDefinition, SegmentDefinition } from "./segments.schemas";

async function runFor(db: Db, task: ModelTask, modelRunId: string | undefined, field: string): Promise<RunRow> {
  const run = modelRunId ? await findRun(db, modelRunId) : await findActiveRun(db, task);
  if (!run) throw new AppError("PRECONDITION_FAILED", modelRunId ? "No model run with that id" : `No active ${task} model run; train and activate one first`, field);
  if (run.task !== task) throw new AppError("BAD_REQUEST", `Model run ${run.id} is a ${run.task} run, not ${task}`, field);
  return run;
}

async function clusterDefinitionWhere(db: Db, d: ClusterDefinition): Promise<SQL> {
  if (d.cluster !== undefined) {
    const run = await runFor(db, "clusters", d.modelRunId, "cluster");
    return clusterWhere(run.id, d.cluster);
  }
  const cut = d.cut as { groups: number; group: number };
  const run = await runFor(db, "hierarchy", d.modelRunId, "cut");
  const artifact = ZHierarchyArtifact.safeParse(run.artifact);
  if (!artifact.success) throw new AppError("PRECONDITION_FAILED", `Hierarchy run ${run.id} has no readable tree`, "cut");
  if (cut.groups > artifact.data.leafCount) {
    throw new AppError("BAD_REQUEST", `The tree has ${artifact.data.leafCount} leaves; cut.groups must be at most that`, "cut.groups");
  }
  return leavesWhere(run.id, leavesOfGroup(artifact.data.leafCount, artifact.data.merges, cut.groups, cut.group));
}

async function scoreDefinitionWhere(db: Db, d: ScoreDefinition): Promise<SQL> {
  const run = await runFor(db, d.task, undefined, "task");
  return d.decile !== undefined ? decileWhere(run.id, d.decile) : tierWhere(run.id, d.tier as ChurnTier);
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
      return clusterDefinitionWhere(db, definition);
    case "score":
      return scoreDefinitionWhere(db, definition);
    case "cross_sell":
      return crossSellWhere(definition);
    case "manual":
      return manualWhere(definition.customerIds);
  }
}
