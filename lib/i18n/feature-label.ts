import type { Dictionary } from "./index";
import { featureForPhrase } from "@/lib/shared/feature-labels";

/**
 * One place that turns a column name into a human label: segment-rule fields and profile columns
 * are named as stored, model features are log-transformed or one-hot variants of them
 * (server/models/feature-columns.ts), so those map back to the column they describe.
 */
const MODEL_FEATURE_COLUMN: Record<string, string> = {
  log_frequency: "frequency",
  log_monetary: "monetary_cents",
  log_avg_order: "avg_order_cents",
  log_purchase_count: "purchase_count",
};

/** The customer_features column a model feature is computed from, and whether it enters as log1p of it. */
export function featureColumn(name: string): { column: string; log: boolean } {
  return { column: MODEL_FEATURE_COLUMN[name] ?? name.replace(/^log_/, ""), log: name.startsWith("log_") };
}

export function featureLabel(t: Dictionary, name: string): string {
  const fields: Record<string, string> = t.segments.fields;
  const { column } = featureColumn(name);
  return fields[name] ?? fields[column] ?? t.models.featureNames[name] ?? name.replace(/_/g, " ");
}

/**
 * Cluster names are written server-side in English from feature phrases ("high completion, low
 * discount share"); rebuilt here from the same phrases. Names a person edited stay as written.
 */
export function clusterNameLabel(t: Dictionary, name: string): string {
  const words = t.segments.clusterName;
  if (name === "average on every feature") return words.average;
  const parts = name.split(", ").map((part) => {
    const match = /^(high|low) (.+)$/.exec(part);
    const feature = match ? featureForPhrase(match[2]!) : null;
    if (!match || !feature) return null;
    return words[match[1] as "high" | "low"](featureLabel(t, feature));
  });
  if (parts.some((p) => p === null)) return name;
  return parts.join(words.separator);
}
