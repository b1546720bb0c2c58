import type { Db } from "../db";
import { ZBasketArtifact, ZClusterArtifact, ZHierarchyArtifact } from "../models";
import { productTitles } from "./insights.repo";
import { findActiveRun } from "./model-runs.repo";

const MAX_RULES_LISTED = 200;

/**
 * What the model-based segment builders offer: the active clustering run's clusters with their
 * names, the active hierarchy run's tree, the active baskets run's rules (with product titles)
 * and which classifiers are active. Missing or unreadable runs come back as null.
 */
export async function modelSources(db: Db) {
  const [clusters, hierarchy, baskets, propensity, churn] = await Promise.all([
    findActiveRun(db, "clusters"),
    findActiveRun(db, "hierarchy"),
    findActiveRun(db, "baskets"),
    findActiveRun(db, "propensity"),
    findActiveRun(db, "churn"),
  ]);
  const clusterArtifact = clusters ? ZClusterArtifact.safeParse(clusters.artifact) : undefined;
  const hierarchyArtifact = hierarchy ? ZHierarchyArtifact.safeParse(hierarchy.artifact) : undefined;
  const basketArtifact = baskets ? ZBasketArtifact.safeParse(baskets.artifact) : undefined;
  const rules = basketArtifact?.success ? [...basketArtifact.data.rules].sort((a, b) => b.lift - a.lift).slice(0, MAX_RULES_LISTED) : [];
  const titles = await productTitles(db, [...new Set(rules.flatMap((r) => [...r.antecedent, ...r.consequent]))]);
  const name = (id: number) => titles.get(id) ?? { en: `#${id}`, zh: `#${id}` };
  return {
    clusters:
      clusters && clusterArtifact?.success
        ? {
            runId: clusters.id,
            version: clusters.version,
            clusters: clusterArtifact.data.sizes.map((size, index) => ({ index, size, name: clusterArtifact.data.names[index] ?? `#${index}` })),
          }
        : null,
    hierarchy:
      hierarchy && hierarchyArtifact?.success
        ? { runId: hierarchy.id, version: hierarchy.version, leafCount: hierarchyArtifact.data.leafCount, leafSizes: hierarchyArtifact.data.leafSizes, merges: hierarchyArtifact.data.merges }
        : null,
    baskets:
      baskets && basketArtifact?.success
        ? {
            runId: baskets.id,
            version: baskets.version,
            basketCount: basketArtifact.data.basketCount,
            rules: rules.map((r) => ({ ...r, antecedentTitles: r.antecedent.map(name), consequentTitles: r.consequent.map(name) })),
          }
        : null,
    classifiers: { propensity: propensity ? { runId: propensity.id, algorithm: propensity.algorithm } : null, churn: churn ? { runId: churn.id, algorithm: churn.algorithm } : null },
  };
}
