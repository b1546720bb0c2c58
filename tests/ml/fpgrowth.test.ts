import { describe, expect, it } from "vitest";
import { apriori } from "../../server/ml/apriori";
import { fpgrowth, fpgrowthWithPairBudget } from "../../server/ml/fpgrowth";
import type { Basket, ItemsetOptions } from "../../server/ml/itemsets";
import { createRng } from "../../server/ml/random";

/**
 * Small random basket sets shaped to reach each path of FP-growth: skewed item popularity (deep
 * conditional trees), bundles (long itemsets), repeated baskets (weighted transactions), items
 * listed twice in a basket, and empty baskets.
 */
function randomBaskets(count: number, items: number, seed: number): number[][] {
  const rng = createRng(seed);
  const bundles = Array.from({ length: 4 }, () => Array.from({ length: 2 + rng.int(4) }, () => rng.int(items)));
  const out: number[][] = [];
  for (let b = 0; b < count; b++) {
    if (out.length > 0 && rng.next() < 0.2) {
      out.push([...out[rng.int(out.length)]!]);
      continue;
    }
    const basket: number[] = [];
    const size = rng.int(8);
    for (let t = 0; t < size; t++) basket.push(Math.floor(rng.next() ** 2 * items));
    if (rng.next() < 0.4) basket.push(...bundles[rng.int(bundles.length)]!);
    if (basket.length > 0 && rng.next() < 0.1) basket.push(basket[0]!);
    out.push(basket);
  }
  return out;
}

function expectSameAsApriori(baskets: readonly Basket[], options: ItemsetOptions): number {
  const fp = fpgrowth(baskets, options);
  expect(fp).toEqual(apriori(baskets, options));
  return fp.length;
}

describe("FP-growth against Apriori", () => {
  it("matches on random baskets for several seeds, supports and length caps", () => {
    let longest = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const baskets = randomBaskets(300 + 50 * seed, 12 + 3 * seed, seed);
      for (const minSupport of [0.2, 0.08, 0.03, 0.01]) {
        for (const maxLength of [undefined, 1, 2, 3]) {
          const sets = fpgrowth(baskets, { minSupport, maxLength });
          expect(sets).toEqual(apriori(baskets, { minSupport, maxLength }));
          if (maxLength !== undefined) expect(sets.every((s) => s.items.length <= maxLength)).toBe(true);
          for (const s of sets) longest = Math.max(longest, s.items.length);
        }
      }
    }
    // The generator must produce deep itemsets, or the recursion above went untested.
    expect(longest).toBeGreaterThanOrEqual(5);
  });

  it("gives the same itemsets when the pair counters are split into many blocks of ranks", () => {
    for (let seed = 21; seed <= 24; seed++) {
      const baskets = randomBaskets(400, 30, seed);
      for (const minSupport of [0.05, 0.015]) {
        const expected = apriori(baskets, { minSupport });
        // Budget 1: one rank per block; 40: blocks of a few ranks; ample: a single block.
        for (const budget of [1, 40, 1e6]) expect(fpgrowthWithPairBudget(baskets, { minSupport }, budget)).toEqual(expected);
      }
    }
  });

  it("matches on dense baskets with many distinct conditional bases", () => {
    // 14 items each in about half the baskets: rank 13's base has 13 frequent items and well over
    // a thousand distinct combinations of them.
    const rng = createRng(5);
    const baskets = Array.from({ length: 3000 }, () => Array.from({ length: 14 }, (_, i) => i).filter(() => rng.next() < 0.5));
    expect(expectSameAsApriori(baskets, { minSupport: 0.002 })).toBeGreaterThan(5000);
  });

  it("matches when a conditional base has more than 31 frequent items (too wide for a bit mask)", () => {
    // 40 items each in about 60% of the baskets: late ranks have up to 39 frequent items in their
    // base, inserted path by path into trees that outgrow their first size guess. Length caps keep
    // the number of itemsets (and Apriori's work) small.
    const rng = createRng(9);
    const baskets = Array.from({ length: 800 }, () => Array.from({ length: 40 }, (_, i) => i).filter(() => rng.next() < 0.6));
    for (const maxLength of [2, 3]) expect(expectSameAsApriori(baskets, { minSupport: 0.1, maxLength })).toBeGreaterThan(40 + 700);
  });

  it("counts repeated baskets once each, whatever their number", () => {
    // 30 copies of one basket, 5 of another, 1 of a third: each itemset's count is the number of copies holding it.
    const baskets: number[][] = [];
    for (let i = 0; i < 30; i++) baskets.push([7, 3, 9, 1]);
    for (let i = 0; i < 5; i++) baskets.push([3, 9, 4]);
    baskets.push([9, 4, 2]);
    const sets = fpgrowth(baskets, { minSupport: 1 / baskets.length });
    expect(sets.find((s) => s.items.join() === "3,9")!.count).toBe(35);
    expect(sets.find((s) => s.items.join() === "1,3,7,9")!.count).toBe(30);
    expect(sets.find((s) => s.items.join() === "4,9")!.count).toBe(6);
    for (const minSupport of [1 / 36, 5 / 36, 30 / 36, 31 / 36]) expectSameAsApriori(baskets, { minSupport });
  });

  it("finishes single-path conditional trees by enumeration, honouring the length cap", () => {
    // Nested baskets: every conditional tree is one path, so all subsets come from minePath.
    const baskets: number[][] = [];
    for (let len = 1; len <= 7; len++) for (let copy = 0; copy < 8 - len; copy++) baskets.push([10, 20, 30, 40, 50, 60, 70].slice(0, len));
    expect(expectSameAsApriori(baskets, { minSupport: 0.01 })).toBe(127);
    for (const maxLength of [1, 2, 4, 6]) expectSameAsApriori(baskets, { minSupport: 0.01, maxLength });
    expectSameAsApriori(baskets, { minSupport: 0.3 });
  });

  it("handles empty input, empty baskets and a support no item reaches", () => {
    expect(fpgrowth([], { minSupport: 0.1 })).toEqual([]);
    expect(fpgrowth([[], [], []], { minSupport: 0.1 })).toEqual([]);
    const baskets = randomBaskets(200, 40, 3);
    expect(fpgrowth(baskets, { minSupport: 0.99 })).toEqual([]);
    expect(apriori(baskets, { minSupport: 0.99 })).toEqual([]);
    // Exactly at the most frequent item's support: that item alone.
    const top = Math.max(...apriori(baskets, { minSupport: 1 / 200, maxLength: 1 }).map((s) => s.count));
    expect(expectSameAsApriori(baskets, { minSupport: top / 200 })).toBeGreaterThanOrEqual(1);
  });

  it("accepts item ids that are not small integers", () => {
    // Negative, fractional and huge ids take the Map path of the item renumbering.
    const ids = [-3, 0.5, 2 ** 40, 17, -1e9, 42];
    const baskets = randomBaskets(400, ids.length, 11).map((b) => b.map((i) => ids[i]!));
    for (const minSupport of [0.1, 0.02]) expect(expectSameAsApriori(baskets, { minSupport })).toBeGreaterThan(ids.length);
  });
});
