import { associationRules, fpgrowth } from "../ml";
import type { BasketArtifact } from "./artifacts";
import { stepper, type ProgressSink } from "./fit-progress";
import type { BasketParams } from "../../lib/shared/models.schemas";
import { AppError } from "../errors";

export interface BasketFitInput {
  params: BasketParams;
  baskets: number[][];
}

/** Rules kept in the artifact, strongest lift first (the UI filters within them). */
const MAX_RULES = 2000;

/** FP-growth over one basket per customer (everything they bought), then rules by confidence. */
export function fitBasketsTask(input: BasketFitInput, onProgress: ProgressSink) {
  const { params, baskets } = input;
  if (baskets.length === 0) throw new AppError("PRECONDITION_FAILED", "No purchases to mine: every basket is empty");
  const step = stepper(2, onProgress);
  step("Mining frequent itemsets (FP-growth)");
  const itemsets = fpgrowth(baskets, { minSupport: params.minSupport, maxLength: params.maxLength });
  step("Deriving association rules");
  const all = associationRules(itemsets, params.minConfidence).sort((a, b) => b.lift - a.lift || b.confidence - a.confidence);
  const rules = all.slice(0, MAX_RULES);
  const artifact: BasketArtifact = {
    kind: "baskets",
    basketCount: baskets.length,
    minSupport: params.minSupport,
    minConfidence: params.minConfidence,
    maxLength: params.maxLength,
    rules,
  };
  const metrics = {
    kind: "baskets" as const,
    rows: baskets.length,
    itemsets: itemsets.length,
    rules: all.length,
    rulesKept: rules.length,
    meanBasketSize: baskets.reduce((s, b) => s + b.length, 0) / baskets.length,
  };
  return { artifact, metrics };
}
