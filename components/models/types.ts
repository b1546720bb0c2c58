import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";
import type { BasketArtifact, fitBasketsTask, fitClassifierTask, fitClustersTask, fitHierarchyTask, HierarchyArtifact } from "@/server/models";

type Outputs = inferRouterOutputs<AppRouter>["models"];
export type RunSummary = Outputs["runs"][number];
export type RunDetail = Outputs["run"];
export type CompareResult = Outputs["compare"];
export type ModelTaskName = RunSummary["task"];

export type ClassifierMetrics = Awaited<ReturnType<typeof fitClassifierTask>>["metrics"];
export type ClusterMetrics = ReturnType<typeof fitClustersTask>["metrics"];
export type HierarchyMetrics = ReturnType<typeof fitHierarchyTask>["metrics"];
export type BasketMetrics = ReturnType<typeof fitBasketsTask>["metrics"];
export type { BasketArtifact, HierarchyArtifact };

export const TASKS: ModelTaskName[] = ["churn", "propensity", "clusters", "hierarchy", "baskets"];

/** Metrics are stored as JSON; the run's task says which shape they have. */
export function metricsOf<T>(run: { metrics: Record<string, unknown>; status: string }, kind: string): T | null {
  return run.status === "succeeded" && run.metrics.kind === kind ? (run.metrics as T) : null;
}
