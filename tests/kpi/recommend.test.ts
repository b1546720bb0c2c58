import { describe, expect, it } from "vitest";
import { learningPath, recommend, recommendPopular, type RecommenderModel } from "../../server/kpi/recommend";
import { evaluateRecommendations } from "./recommend-eval";

const model: RecommenderModel = {
  rules: [
    { antecedent: [1], consequent: [2], confidence: 0.6, lift: 4 },
    { antecedent: [1, 2], consequent: [3], confidence: 0.7, lift: 5 },
  ],
  popularity: new Map([
    [1, 50],
    [2, 40],
    [3, 30],
    [4, 100],
    [5, 10],
  ]),
  categoryOf: new Map([
    [1, "data"],
    [2, "data"],
    [3, "data"],
    [4, "design"],
    [5, "data"],
  ]),
  transitions: new Map([
    [1, new Map([[2, 8], [5, 2]])],
    [2, new Map([[3, 5]])],
    [3, new Map([[5, 1]])],
  ]),
  candidates: new Set([1, 2, 3, 4, 5]),
};

describe("next-course recommendations", () => {
  it("puts the rule and path consequent first and never recommends what is owned", () => {
    const recs = recommend(model, [1], 5);
    expect(recs[0]?.productId).toBe(2);
    expect(recs.map((r) => r.productId)).not.toContain(1);
    expect(recs[0]?.reason.kind === "rule" || recs[0]?.reason.kind === "path").toBe(true);
  });

  it("follows learners' order for the learning path", () => {
    expect(learningPath(model, [1], 3)).toEqual([2, 3, 5]);
  });

  it("popularity baseline is the best sellers not owned", () => {
    expect(recommendPopular(model, [4], 2)).toEqual([1, 2]);
  });

  it("beats the popularity baseline on a time split of the demo data with planted tracks (hit rate at 5)", () => {
    const result = evaluateRecommendations({ customers: 3000, days: 365, seed: 11 });
    console.log(`hit@5 recommender ${result.modelHitRate.toFixed(3)} vs popularity ${result.popularityHitRate.toFixed(3)} over ${result.customers} customers`);
    expect(result.customers).toBeGreaterThan(200);
    expect(result.modelHitRate).toBeGreaterThan(result.popularityHitRate + 0.05);
  }, 60_000);
});
