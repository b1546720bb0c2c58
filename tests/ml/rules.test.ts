import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apriori } from "../../server/ml/apriori";
import { fpgrowth } from "../../server/ml/fpgrowth";
import type { Basket } from "../../server/ml/itemsets";
import { createRng } from "../../server/ml/random";
import { associationRules } from "../../server/ml/rules";
import { parseCsv } from "./csv";

const RETAIL = path.resolve(import.meta.dirname, "../../../shared/data/online-retail/online_retail_non_uk.csv");

/** Baskets with planted bundles (items 0-2 and 3-4 travel together) over random noise items. */
function generatedBaskets(count: number, seed: number): number[][] {
  const rng = createRng(seed);
  const out: number[][] = [];
  for (let b = 0; b < count; b++) {
    const basket: number[] = [];
    if (rng.next() < 0.3) basket.push(0, 1, 2);
    if (rng.next() < 0.2) basket.push(3, 4);
    const noise = rng.int(6);
    for (let i = 0; i < noise; i++) basket.push(5 + Math.floor(rng.next() ** 2 * 40));
    out.push(basket);
  }
  return out;
}

function retailBaskets(): Basket[] {
  if (!fs.existsSync(RETAIL)) throw new Error(`Online Retail data missing: expected ${RETAIL}`);
  const rows = parseCsv(fs.readFileSync(RETAIL, "utf8"));
  const header = rows[0]!;
  const invoiceCol = header.indexOf("InvoiceNo");
  const stockCol = header.indexOf("StockCode");
  const ids = new Map<string, number>();
  const baskets = new Map<string, number[]>();
  for (const row of rows.slice(1)) {
    const invoice = row[invoiceCol];
    const stock = row[stockCol];
    // Invoices starting with 'C' are cancellations, not purchases.
    if (!invoice || !stock || invoice.startsWith("C")) continue;
    if (!ids.has(stock)) ids.set(stock, ids.size);
    const basket = baskets.get(invoice) ?? [];
    basket.push(ids.get(stock)!);
    baskets.set(invoice, basket);
  }
  return [...baskets.values()];
}

describe("association rules", () => {
  it("FP-growth equals Apriori itemset for itemset on generated baskets", () => {
    const baskets = generatedBaskets(2000, 1);
    for (const minSupport of [0.05, 0.02, 0.01]) {
      const fp = fpgrowth(baskets, { minSupport });
      expect(fp.length).toBeGreaterThan(10);
      expect(fp).toEqual(apriori(baskets, { minSupport }));
    }
    expect(fpgrowth(baskets, { minSupport: 0.01, maxLength: 2 })).toEqual(apriori(baskets, { minSupport: 0.01, maxLength: 2 }));
  });

  it("FP-growth equals Apriori on the real Online Retail (non-UK) invoices at 2%, 1% and 0.5%", () => {
    const baskets = retailBaskets();
    expect(baskets.length).toBeGreaterThan(1000);
    // Every itemset length is compared: 596 sets (up to 4 items) at 2%, 3,063 (6) at 1% and
    // 19,185 (9) at 0.5%; plus a length cap, which both miners must honour the same way.
    for (const [minSupport, maxLength, atLeast] of [
      [0.02, undefined, 500],
      [0.01, undefined, 2000],
      [0.005, undefined, 15000],
      [0.005, 3, 5000],
    ] as const) {
      const fp = fpgrowth(baskets, { minSupport, maxLength });
      expect(fp.length).toBeGreaterThan(atLeast);
      expect(fp.some((s) => s.items.length >= Math.min(3, maxLength ?? 3))).toBe(true);
      expect(fp).toEqual(apriori(baskets, { minSupport, maxLength }));
    }
  });

  it("computes support, confidence and lift by hand", () => {
    // 4 baskets: {1,2} twice, {1} once, {2,3} once.
    const baskets = [[1, 2], [1, 2], [1], [2, 3]];
    const sets = fpgrowth(baskets, { minSupport: 0.25 });
    expect(sets.find((s) => s.items.join() === "1,2")).toEqual({ items: [1, 2], count: 2, support: 0.5 });
    const rules = associationRules(sets, 0.6);
    const oneToTwo = rules.find((r) => r.antecedent.join() === "1" && r.consequent.join() === "2")!;
    // conf = s(1,2)/s(1) = 0.5/0.75; lift = conf / s(2) = (2/3)/0.75.
    expect(oneToTwo.confidence).toBeCloseTo(2 / 3, 12);
    expect(oneToTwo.lift).toBeCloseTo(2 / 3 / 0.75, 12);
    // 3 -> 2 holds always (conf 1) and 2 -> 3 (conf 1/3) is filtered out by minConfidence.
    expect(rules.some((r) => r.antecedent.join() === "3" && r.confidence === 1)).toBe(true);
    expect(rules.some((r) => r.antecedent.join() === "2" && r.consequent.join() === "3")).toBe(false);
  });

  it("keeps a rule whose confidence is exactly the threshold, and orders equal lifts deterministically", () => {
    // 94 baskets: item 1 in 5 of them, together with 2 in one. conf(1 -> 2) = 1/5 exactly; as a ratio
    // of floating supports it was 0.19999999999999998 and the rule was dropped at 0.2.
    const baskets: Basket[] = [[1, 2], [1], [1], [1], [1], ...Array.from({ length: 89 }, (_, i) => [3 + (i % 2)])];
    const rules = associationRules(fpgrowth(baskets, { minSupport: 0.01 }), 0.2);
    const oneToTwo = rules.find((r) => r.antecedent.join() === "1" && r.consequent.join() === "2");
    expect(oneToTwo?.confidence).toBe(0.2);
    // 2 -> 1 and 1 -> 2 share a lift (94/5); ties fall to confidence, then item ids, never to rounding.
    const ties = rules.filter((r) => r.lift === oneToTwo?.lift).map((r) => `${r.antecedent}->${r.consequent}`);
    expect(ties).toEqual(["2->1", "1->2"]);
  });

  it("high-confidence rules only involve the planted bundles", () => {
    const rules = associationRules(fpgrowth(generatedBaskets(2000, 2), { minSupport: 0.05 }), 0.8);
    // Noise items (ids >= 5) are drawn independently of everything, so no rule predicts one with 80%
    // confidence; they can only ride along in antecedents such as {0, 5} -> {1}.
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.consequent.every((item) => item < 5))).toBe(true);
    const bundle = rules.find((r) => r.antecedent.join() === "3" && r.consequent.join() === "4")!;
    expect(bundle.confidence).toBe(1);
  });
});
