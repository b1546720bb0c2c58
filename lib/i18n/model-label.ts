import type { Dictionary } from "./index";

type ModelWords = Dictionary["models"];

/** A run's algorithm code ("gbt", "kmeans") in words; an algorithm the UI does not know shows as stored. */
export function algorithmLabel(m: ModelWords, algorithm: string): string {
  return m.algorithms[algorithm] ?? algorithm;
}

/** A run's parameters, one "label = value" per entry, codes and booleans in words. */
export function paramLines(m: ModelWords, params: unknown): string[] {
  if (!params || typeof params !== "object") return [];
  const labels: Record<string, string> = m.params;
  return Object.entries(params as Record<string, unknown>).map(([key, value]) => {
    let shown: string;
    if (typeof value === "boolean") shown = value ? m.detail.yes : m.detail.no;
    else if (key === "algorithm" && typeof value === "string") shown = algorithmLabel(m, value);
    else shown = typeof value === "object" ? JSON.stringify(value) : String(value);
    return `${labels[key] ?? key} = ${shown}`;
  });
}
