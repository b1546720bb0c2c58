import { RFM_PRESETS, RFM_PRESET_NAMES, type RfmPresetName } from "./rfm-presets";

/**
 * The names the system gives starter segments. They are stored in English (a segment has one
 * name) and the UI translates a name that still matches one of these shapes.
 */
export const HIGH_CHURN_STARTER_NAME = "High churn risk";

export function rfmStarterName(preset: RfmPresetName): string {
  return `RFM: ${RFM_PRESETS[preset].label.en}`;
}

export function clusterStarterName(cluster: number, clusterName: string): string {
  return `Cluster ${cluster}: ${clusterName}`.slice(0, 120);
}

/** The descriptions the system writes beside those names, one per starter shape. */
export function starterDescription(starter: StarterName): string {
  switch (starter.kind) {
    case "rfm":
      return `Starter segment: RFM preset "${RFM_PRESETS[starter.preset].label.en}" (${RFM_PRESETS[starter.preset].label.zh}).`;
    case "churn":
      return "Starter segment: the active churn model's high-risk tier.";
    case "cluster":
      return "Starter segment: a cluster of the active K-means run.";
  }
}

export type StarterName = { kind: "rfm"; preset: RfmPresetName } | { kind: "churn" } | { kind: "cluster"; cluster: number; clusterName: string };

/** Reads a stored name back into the starter shape it was made from; null for any other name. */
export function parseStarterName(name: string): StarterName | null {
  if (name === HIGH_CHURN_STARTER_NAME) return { kind: "churn" };
  const preset = RFM_PRESET_NAMES.find((p) => rfmStarterName(p) === name);
  if (preset) return { kind: "rfm", preset };
  const cluster = /^Cluster (\d+): (.+)$/.exec(name);
  if (cluster) return { kind: "cluster", cluster: Number(cluster[1]), clusterName: cluster[2]! };
  return null;
}
