/**
 * Next-course recommendations from association rules, learner transitions and category affinity.
 * Pure: the model is built from rows by the service (or from simulated events in the evaluation).
 */

export interface Rule {
  antecedent: readonly number[];
  consequent: readonly number[];
  confidence: number;
  lift: number;
}

export interface RecommenderModel {
  rules: readonly Rule[];
  /** Buyers per product; also the popularity baseline. */
  popularity: ReadonlyMap<number, number>;
  categoryOf: ReadonlyMap<number, string>;
  /** from product -> (next product -> learners who went on to it next). */
  transitions: ReadonlyMap<number, ReadonlyMap<number, number>>;
  /** Products that may be recommended (paid courses on sale). */
  candidates: ReadonlySet<number>;
}

export type RecommendationReason =
  | { kind: "rule"; because: number[]; confidence: number; lift: number }
  | { kind: "path"; after: number; share: number }
  | { kind: "affinity"; category: string; share: number }
  | { kind: "popular" };

export interface Recommendation {
  productId: number;
  score: number;
  reason: RecommendationReason;
}

// Weights order the signals: a rule or a learner path beats category affinity, which beats raw popularity.
const RULE_WEIGHT = 1;
const PATH_WEIGHT = 1;
const AFFINITY_WEIGHT = 0.3;
const POPULARITY_WEIGHT = 0.05;

function transitionShares(model: RecommenderModel, from: number): Map<number, number> {
  const next = model.transitions.get(from);
  const out = new Map<number, number>();
  if (!next) return out;
  let total = 0;
  for (const n of next.values()) total += n;
  if (total === 0) return out;
  for (const [to, n] of next) out.set(to, n / total);
  return out;
}

/**
 * Top-k products the customer does not own, best first. `owned` is in acquisition order (the last
 * one drives the learning-path signal).
 */
export function recommend(model: RecommenderModel, owned: readonly number[], k: number): Recommendation[] {
  const have = new Set(owned);
  const best = new Map<number, Recommendation>();
  const offer = (productId: number, score: number, reason: RecommendationReason) => {
    if (have.has(productId) || !model.candidates.has(productId)) return;
    const current = best.get(productId);
    if (!current) best.set(productId, { productId, score, reason });
    else {
      // Signals add up; the strongest one explains the recommendation.
      const strongest = score > current.score ? reason : current.reason;
      best.set(productId, { productId, score: current.score + score, reason: strongest });
    }
  };

  const ruleScore = new Map<number, { confidence: number; lift: number; because: number[] }>();
  for (const rule of model.rules) {
    if (rule.consequent.length !== 1 || !rule.antecedent.every((item) => have.has(item))) continue;
    const target = rule.consequent[0]!;
    const seen = ruleScore.get(target);
    if (!seen || rule.confidence > seen.confidence) ruleScore.set(target, { confidence: rule.confidence, lift: rule.lift, because: [...rule.antecedent] });
  }
  for (const [target, r] of ruleScore) offer(target, RULE_WEIGHT * r.confidence, { kind: "rule", because: r.because, confidence: r.confidence, lift: r.lift });

  const last = owned[owned.length - 1];
  if (last !== undefined) for (const [to, share] of transitionShares(model, last)) offer(to, PATH_WEIGHT * share, { kind: "path", after: last, share });

  const categories = new Map<string, number>();
  for (const item of owned) {
    const category = model.categoryOf.get(item);
    if (category) categories.set(category, (categories.get(category) ?? 0) + 1);
  }
  let maxPopularity = 1;
  for (const n of model.popularity.values()) maxPopularity = Math.max(maxPopularity, n);
  for (const productId of model.candidates) {
    const popularity = (model.popularity.get(productId) ?? 0) / maxPopularity;
    const category = model.categoryOf.get(productId);
    const share = owned.length > 0 && category ? (categories.get(category) ?? 0) / owned.length : 0;
    if (share > 0 && category) offer(productId, AFFINITY_WEIGHT * share * (0.5 + 0.5 * popularity), { kind: "affinity", category, share });
    offer(productId, POPULARITY_WEIGHT * popularity, { kind: "popular" });
  }

  return [...best.values()].sort((a, b) => b.score - a.score || a.productId - b.productId).slice(0, k);
}

/** The popularity baseline: the k best-selling candidates the customer does not own. */
export function recommendPopular(model: RecommenderModel, owned: readonly number[], k: number): number[] {
  const have = new Set(owned);
  return [...model.candidates]
    .filter((p) => !have.has(p))
    .sort((a, b) => (model.popularity.get(b) ?? 0) - (model.popularity.get(a) ?? 0) || a - b)
    .slice(0, k);
}

/**
 * A suggested learning path: the next `steps` courses, each the one most learners took next after
 * the previous step; where no learner went on, the best remaining recommendation fills in.
 */
export function learningPath(model: RecommenderModel, owned: readonly number[], steps = 3): number[] {
  const path: number[] = [];
  const taken = new Set(owned);
  let current = owned[owned.length - 1];
  while (path.length < steps) {
    let next: number | undefined;
    if (current !== undefined) {
      let bestShare = 0;
      for (const [to, share] of transitionShares(model, current)) {
        if (taken.has(to) || !model.candidates.has(to)) continue;
        if (share > bestShare || (share === bestShare && next !== undefined && to < next)) [next, bestShare] = [to, share];
      }
    }
    next ??= recommend(model, [...taken], 1)[0]?.productId;
    if (next === undefined) break;
    path.push(next);
    taken.add(next);
    current = next;
  }
  return path;
}
