import type { Db } from "../db";
import { ZClusterArtifact } from "../models";
import { findActiveRun } from "./model-runs.repo";
import { countSegments } from "./segments.repo";
import { RFM_PRESET_NAMES } from "../../lib/shared/rfm-presets";
import { HIGH_CHURN_STARTER_NAME, clusterStarterName, rfmStarterName, starterDescription } from "../../lib/shared/starter-names";
import type { CreateSegmentInput } from "./segments.schemas";
import { SYSTEM_ACTOR, createSegment } from "./segments.service";

/**
 * Demo out of the box: when no segment exists yet, the system creates a handful to start from
 * (the eight RFM presets, the high churn-risk tier, one per cluster of the active clustering run)
 * through createSegment, so each is materialised and audited like a person's segment.
 */
export async function ensureStarterSegments(db: Db): Promise<string[]> {
  // Archived ones count too: segments someone removed on purpose are not brought back.
  if ((await countSegments(db)) > 0) return [];
  const inputs: CreateSegmentInput[] = RFM_PRESET_NAMES.map((preset) => ({
    name: rfmStarterName(preset),
    description: starterDescription({ kind: "rfm", preset }),
    definition: { kind: "rfm", preset },
  }));
  if (await findActiveRun(db, "churn")) {
    inputs.push({ name: HIGH_CHURN_STARTER_NAME, description: starterDescription({ kind: "churn" }), definition: { kind: "score", task: "churn", tier: "high" } });
  }
  const clusters = await findActiveRun(db, "clusters");
  const artifact = clusters ? ZClusterArtifact.safeParse(clusters.artifact) : null;
  if (artifact?.success) {
    artifact.data.names.forEach((name, cluster) => {
      inputs.push({ name: clusterStarterName(cluster, name), description: starterDescription({ kind: "cluster", cluster, clusterName: name }), definition: { kind: "cluster", cluster } });
    });
  }
  const created: string[] = [];
  for (const input of inputs) {
    const segment = await createSegment(db, SYSTEM_ACTOR, input);
    created.push(segment.name);
  }
  return created;
}
