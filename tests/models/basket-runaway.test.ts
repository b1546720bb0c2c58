import { describe, expect, it } from "vitest";
import { AppError } from "../../server/errors";
import { effectiveMinSupport, fitBasketsTask, MAX_ITEMSETS, MIN_BASKETS } from "../../server/models/fit-baskets";
import { fpgrowth } from "../../server/ml/fpgrowth";
import { ItemsetLimitError } from "../../server/ml/itemsets";

const params = (overrides: Partial<{ minSupport: number; minConfidence: number; maxLength: number }> = {}) => ({
  minSupport: 0.01,
  minConfidence: 0.2,
  maxLength: 3,
  ...overrides,
});

describe("the basket miner cannot run away", () => {
  it("on a small shop a handful of baskets is never 'frequent': support is floored at five baskets", () => {
    // 94 customers, 20 products each, nobody shares one: at 1% (0.94 baskets) every subset of every
    // basket used to be frequent (94 × 1,350 itemsets at length 3).
    const baskets = Array.from({ length: 94 }, (_, b) => Array.from({ length: 20 }, (_, i) => b * 20 + i));
    const { metrics } = fitBasketsTask({ params: params(), baskets }, () => undefined);
    expect(metrics.effectiveMinSupport).toBeCloseTo(5 / 94, 12);
    expect(metrics.itemsets).toBe(0);
    expect(effectiveMinSupport(0.06, 94)).toBe(0.06);
    expect(MIN_BASKETS).toBe(5);
  });

  it("stops a mine past the itemset cap with a message that says what to change", () => {
    // Everyone bought the same 40 products: every combination up to length 5 is frequent (> 750,000).
    const same = Array.from({ length: 40 }, (_, i) => i);
    const baskets = Array.from({ length: 94 }, () => same);
    expect(() => fpgrowth(baskets, { minSupport: 0.5, maxLength: 5, maxItemsets: 1000 })).toThrow(ItemsetLimitError);
    let caught: unknown;
    try {
      fitBasketsTask({ params: params({ maxLength: 5 }), baskets }, () => undefined);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).message).toContain(`more than ${MAX_ITEMSETS.toLocaleString("en")} frequent itemsets`);
    expect((caught as AppError).message).toMatch(/raise the minimum support/);
    expect((caught as AppError).field).toBe("minSupport");
  }, 60_000);
});
