import type { ModelArtifact } from "./artifacts";
import { fitBasketsTask, type BasketFitInput } from "./fit-baskets";
import { fitClassifierTask, type ClassifierFitInput } from "./fit-classifier";
import { fitClustersTask, type ClusterFitInput } from "./fit-clusters";
import { fitHierarchyTask, type HierarchyFitInput } from "./fit-hierarchy";
import type { ProgressSink } from "./fit-progress";

/** Everything a fit needs, as plain data (typed arrays travel to the worker thread without copying). */
export type FitInput =
  | ({ task: "clusters" } & ClusterFitInput)
  | ({ task: "hierarchy" } & HierarchyFitInput)
  | ({ task: "baskets" } & BasketFitInput)
  | ClassifierFitInput;

export interface FitOutput {
  artifact: ModelArtifact;
  metrics: Record<string, unknown>;
}

/** The CPU-heavy part of training: pure maths, no database. Runs inside the fit thread. */
export async function runFit(input: FitInput, onProgress: ProgressSink): Promise<FitOutput> {
  switch (input.task) {
    case "clusters": {
      const { artifact, metrics } = fitClustersTask(input, onProgress);
      return { artifact, metrics };
    }
    case "hierarchy": {
      const { artifact, metrics } = fitHierarchyTask(input, onProgress);
      return { artifact, metrics };
    }
    case "baskets":
      return fitBasketsTask(input, onProgress);
    case "propensity":
    case "churn":
      return fitClassifierTask(input, onProgress);
  }
}
