import { z } from "zod";
import type { Db } from "../db";
import { learningPath, recommend, type RecommendationReason, type RecommenderModel } from "./recommend";
import { activeBasketRules, courseCatalogue, ownedInOrder, productPopularity, transitions } from "./recommend.repo";

export const ZRecommendations = z.object({
  customerIds: z.array(z.number().int().positive({ message: "customerIds must be customer ids" })).min(1, { message: "customerIds must not be empty" }).max(500, { message: "customerIds may hold at most 500 ids" }),
  k: z.number().int().min(1).max(20).default(5),
});

export interface ProductLabel {
  productId: number;
  titleEn: string;
  titleZh: string;
  category: string;
  priceCents: number;
}

export interface CustomerRecommendations {
  customerId: number;
  items: Array<ProductLabel & { score: number; reason: RecommendationReason }>;
  path: ProductLabel[];
}

async function loadModel(db: Db) {
  const [basket, catalogue, popularity, next] = [await activeBasketRules(db), await courseCatalogue(db), await productPopularity(db), await transitions(db)];
  const model: RecommenderModel = {
    rules: basket.rules,
    popularity,
    categoryOf: new Map(catalogue.map((p) => [p.id, p.category])),
    transitions: next,
    candidates: new Set(catalogue.filter((p) => p.candidate).map((p) => p.id)),
  };
  const labels = new Map(catalogue.map((p): [number, ProductLabel] => [p.id, { productId: p.id, titleEn: p.titleEn, titleZh: p.titleZh, category: p.category, priceCents: p.priceCents }]));
  return { model, labels, basketRunId: basket.runId };
}

/**
 * Next-course offers and a three-step learning path for each customer: the function campaign
 * offers call with a batch of customers, and the profile panel with one.
 */
export async function recommendationsFor(db: Db, input: { customerIds: number[]; k?: number }) {
  const { model, labels, basketRunId } = await loadModel(db);
  const owned = await ownedInOrder(db, input.customerIds);
  const label = (id: number): ProductLabel => labels.get(id) ?? { productId: id, titleEn: `#${id}`, titleZh: `#${id}`, category: "", priceCents: 0 };
  const customers = input.customerIds.map((customerId): CustomerRecommendations => {
    const history = owned.get(customerId) ?? [];
    return {
      customerId,
      items: recommend(model, history, input.k ?? 5).map((rec) => ({ ...label(rec.productId), score: rec.score, reason: rec.reason })),
      path: learningPath(model, history, 3).map(label),
    };
  });
  return { basketRunId, customers };
}
