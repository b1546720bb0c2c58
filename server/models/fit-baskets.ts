import { associationRules, fpgrowth, ItemsetLimitError } from "../ml";
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

/** Past this many frequent itemsets a mine is runaway: memory grows without a useful rule set. */
export const MAX_ITEMSETS = 500_000;

/**
 * An itemset must be seen in at least this many baskets, whatever the fractional support: on a
 * small shop 1% is under one basket, so every subset of every basket would be "frequent" (94
 * baskets at 1% made ~21.6 M itemsets), and a rule seen in one or two baskets means nothing.
 */
export const MIN_BASKETS = 5;

export function effectiveMinSupport(minSupport: number, basketCount: number): number {
  return basketCount > 0 ? Math.min(1, Math.max(minSupport, MIN_BASKETS / basketCount)) : minSupport;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
}

/** FP-growth over one basket per customer (everything they bought), then rules by confidence. */
export function fitBasketsTask(input: BasketFitInput, onProgress: ProgressSink) {
  const { params, baskets } = input;
  if (baskets.length === 0) throw new AppError("PRECONDITION_FAILED", "No purchases to mine: every basket is empty");
  const step = stepper(2, onProgress);
  const minSupport = effectiveMinSupport(params.minSupport, baskets.length);
  step(`Mining frequent itemsets (FP-growth, support ≥ ${percent(minSupport)})`);
  let itemsets;
  try {
    itemsets = fpgrowth(baskets, { minSupport, maxLength: params.maxLength, maxItemsets: MAX_ITEMSETS });
  } catch (error) {
    if (!(error instanceof ItemsetLimitError)) throw error;
    throw new AppError(
      "PRECONDITION_FAILED",
      `At a minimum support of ${percent(minSupport)} the ${baskets.length.toLocaleString("en")} baskets make more than ` +
        `${MAX_ITEMSETS.toLocaleString("en")} frequent itemsets, too many to be useful: raise the minimum support ` +
        `(try ${percent(Math.min(1, minSupport * 4))}) or lower the maximum itemset length (now ${params.maxLength})`,
      "minSupport",
    );
  }
  step("Deriving association rules");
  const all = associationRules(itemsets, params.minConfidence).sort((a, b) => b.lift - a.lift || b.confidence - a.confidence);
  const rules = all.slice(0, MAX_RULES);
  const artifact: BasketArtifact = {
    kind: "baskets",
    basketCount: baskets.length,
    minSupport,
    minConfidence: params.minConfidence,
    maxLength: params.maxLength,
    rules,
  };
  const metrics = {
    kind: "baskets" as const,
    rows: baskets.length,
    itemsets: itemsets.length,
    requestedMinSupport: params.minSupport,
    effectiveMinSupport: minSupport,
    rules: all.length,
    rulesKept: rules.length,
    meanBasketSize: baskets.reduce((s, b) => s + b.length, 0) / baskets.length,
  };
  return { artifact, metrics };
}
