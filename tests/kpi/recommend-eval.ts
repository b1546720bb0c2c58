import { associationRules } from "../../server/ml/rules";
import { fpgrowth } from "../../server/ml/fpgrowth";
import { recommend, recommendPopular, type RecommenderModel } from "../../server/kpi/recommend";
import { record, TYPE } from "../demo/record";

export interface Evaluation {
  customers: number;
  modelHitRate: number;
  popularityHitRate: number;
}

/**
 * Time-split evaluation on the demo generator: learn rules, transitions and popularity from
 * purchases before the cut (70% of the window), then for every customer who owned something
 * before it and bought something new after it, count a hit when any of the top-5 is among the
 * new purchases. Hit rate at 5, for the recommender and for the popularity baseline.
 */
export function evaluateRecommendations(options: { customers: number; days: number; seed: number }): Evaluation {
  const r = record({ ...options, endAt: new Date("2026-01-01T00:00:00Z") });
  const { products } = r.plan.catalogue;
  const secs = r.sec;
  let maxSec = 0;
  for (const s of secs) maxSec = Math.max(maxSec, s);
  let minSec = Infinity;
  for (const s of secs) minSec = Math.min(minSec, s);
  const cut = minSec + 0.7 * (maxSec - minSec);
  const candidates = new Set(products.filter((p) => p.kind === "course" && !p.isFree).map((p) => p.index));
  const before = r.profiles.map(() => [] as number[]);
  const after = r.profiles.map(() => new Set<number>());
  const popularity = new Map<number, number>();
  for (let i = 0; i < r.type.length; i++) {
    const type = r.type[i]!;
    if (type !== TYPE.purchase && type !== TYPE.enrol) continue;
    const product = r.product[i]!;
    if (product < 0) continue;
    const customer = r.customer[i]!;
    if (secs[i]! < cut) {
      if (!before[customer]!.includes(product)) {
        before[customer]!.push(product);
        if (type === TYPE.purchase) popularity.set(product, (popularity.get(product) ?? 0) + 1);
      }
    } else if (type === TYPE.purchase) after[customer]!.add(product);
  }
  const baskets = before.filter((b) => b.length > 1).map((b) => b.filter((p) => candidates.has(p)));
  const rules = associationRules(fpgrowth(baskets, { minSupport: 0.005, maxLength: 3 }), 0.1);
  const transitions = new Map<number, Map<number, number>>();
  for (const owned of before) {
    const courses = owned.filter((p) => candidates.has(p));
    for (let s = 0; s + 1 < courses.length; s++) {
      const next = transitions.get(courses[s]!) ?? new Map<number, number>();
      next.set(courses[s + 1]!, (next.get(courses[s + 1]!) ?? 0) + 1);
      transitions.set(courses[s]!, next);
    }
  }
  const model: RecommenderModel = {
    rules,
    popularity,
    categoryOf: new Map(products.map((p) => [p.index, p.category])),
    transitions,
    candidates,
  };
  let evaluated = 0;
  let modelHits = 0;
  let popularHits = 0;
  r.profiles.forEach((_, customer) => {
    const owned = before[customer]!;
    const fresh = [...after[customer]!].filter((p) => candidates.has(p) && !owned.includes(p));
    if (owned.length === 0 || fresh.length === 0) return;
    evaluated++;
    if (recommend(model, owned, 5).some((rec) => fresh.includes(rec.productId))) modelHits++;
    if (recommendPopular(model, owned, 5).some((p) => fresh.includes(p))) popularHits++;
  });
  return { customers: evaluated, modelHitRate: modelHits / evaluated, popularityHitRate: popularHits / evaluated };
}
