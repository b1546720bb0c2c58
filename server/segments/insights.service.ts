import type { Db } from "../db";
import { can, type Role } from "../auth";
import { maskName } from "../customers";
import { ZClassifierArtifact } from "../models";
import { associationRules, confusionMatrix, fpgrowth, rocAuc, thresholdMetrics } from "../ml";
import {
  HISTOGRAM_BINS,
  campaignsTargeting,
  featureBinRows,
  featureProfileRows,
  kpiRows,
  memberBaskets,
  memberPage,
  populationSize,
  productTitles,
  scoredOutcomes,
  topCategories,
  topProducts,
  type FeatureStatRow,
  type KpiRow,
  type ProfileFeature,
} from "./insights.repo";
import { findActiveRun } from "./model-runs.repo";
import { findReferenceTime, listSnapshots } from "./segments.repo";
import { getSegment, requireLiveDefinition } from "./segments.service";

/** Standardised mean difference (Cohen's d with the average of the two variances). */
export function standardisedMeanDifference(a: { mean: number; sd: number }, b: { mean: number; sd: number }): number {
  const pooled = Math.sqrt((a.sd * a.sd + b.sd * b.sd) / 2);
  return pooled > 0 ? (a.mean - b.mean) / pooled : 0;
}

/**
 * Each numeric feature's mean in the segment against everyone, the most distinguishing ones, and
 * the histogram of one feature (the one asked for, else the most distinguishing).
 */
export async function featureProfile(db: Db, segmentId: string, histogramOf?: ProfileFeature) {
  await requireLiveDefinition(db, segmentId);
  const stats = await featureProfileRows(db, segmentId);
  const keys = [...new Set(stats.map((s) => s.key))];
  const features = keys.map((key) => {
    const member = stats.find((s) => s.key === key && s.member);
    const rest = stats.find((s) => s.key === key && !s.member);
    const memberN = member?.n ?? 0;
    const populationN = memberN + (rest?.n ?? 0);
    const populationMean = populationN ? ((member?.mean ?? 0) * memberN + (rest?.mean ?? 0) * (rest?.n ?? 0)) / populationN : 0;
    const effect = member && rest && member.n > 1 && rest.n > 1 ? standardisedMeanDifference(member, rest) : null;
    return { key, segmentMean: member?.mean ?? null, populationMean, segmentN: memberN, effectSize: effect };
  });
  const distinguishing = features
    .filter((f) => f.effectSize !== null)
    .sort((a, b) => Math.abs(b.effectSize as number) - Math.abs(a.effectSize as number))
    .slice(0, 8)
    .map((f) => ({ key: f.key, effectSize: f.effectSize as number, segmentMean: f.segmentMean, populationMean: f.populationMean }));
  const key = histogramOf && keys.includes(histogramOf) ? histogramOf : (distinguishing[0]?.key ?? keys[0]);
  return { features, distinguishing, histogram: key ? await histogram(db, segmentId, key, stats) : null };
}

async function histogram(db: Db, segmentId: string, key: ProfileFeature, stats: readonly FeatureStatRow[]) {
  const member = stats.find((s) => s.key === key && s.member);
  const rest = stats.find((s) => s.key === key && !s.member);
  // Every stat row of a feature carries the population's range.
  const { lo, hi } = member ?? rest ?? { lo: 0, hi: 0 };
  const counts = await featureBinRows(db, segmentId, key, { lo, hi });
  const memberN = member?.n ?? 0;
  const populationN = memberN + (rest?.n ?? 0);
  const bins = Array.from({ length: HISTOGRAM_BINS }, (_, bin) => {
    const m = counts.find((c) => c.member && c.bin === bin)?.n ?? 0;
    const r = counts.find((c) => !c.member && c.bin === bin)?.n ?? 0;
    return {
      from: lo + ((hi - lo) * bin) / HISTOGRAM_BINS,
      to: lo + ((hi - lo) * (bin + 1)) / HISTOGRAM_BINS,
      // Shares, so a segment of 40 and a population of 100,000 share one axis.
      segmentShare: memberN ? m / memberN : 0,
      populationShare: populationN ? (m + r) / populationN : 0,
    };
  });
  return { key, bins };
}

function kpisOf(row: KpiRow | undefined) {
  if (!row || row.customers === 0) return { customers: 0, conversion: null, revenuePerCustomerCents: null, retention: null, renewal: null, churnRisk: null };
  return {
    customers: row.customers,
    conversion: row.buyers / row.customers,
    revenuePerCustomerCents: row.revenueCents / row.customers,
    retention: row.activeRecently / row.customers,
    renewal: row.subscribers ? row.renewers / row.subscribers : null,
    churnRisk: row.churnScoreMean,
  };
}

/**
 * conversion = share who ever purchased; revenue per customer = purchases minus refunds over all
 * members; retention = share active in the 30 days up to the as-of time; renewal = share of
 * subscribers who renewed at least once; churn risk = mean score of the active churn model.
 */
export async function segmentKpis(db: Db, segmentId: string) {
  await requireLiveDefinition(db, segmentId);
  const [asOf, churnRun] = await Promise.all([findReferenceTime(db), findActiveRun(db, "churn")]);
  const rows = await kpiRows(db, segmentId, asOf, churnRun?.id ?? null);
  const member = rows.find((r) => r.member);
  const rest = rows.find((r) => !r.member);
  const all: KpiRow | undefined =
    member || rest
      ? {
          member: false,
          customers: (member?.customers ?? 0) + (rest?.customers ?? 0),
          buyers: (member?.buyers ?? 0) + (rest?.buyers ?? 0),
          revenueCents: (member?.revenueCents ?? 0) + (rest?.revenueCents ?? 0),
          activeRecently: (member?.activeRecently ?? 0) + (rest?.activeRecently ?? 0),
          subscribers: (member?.subscribers ?? 0) + (rest?.subscribers ?? 0),
          renewers: (member?.renewers ?? 0) + (rest?.renewers ?? 0),
          churnScoreMean: weightedChurn(member, rest),
        }
      : undefined;
  return { segment: kpisOf(member), population: kpisOf(all) };
}

function weightedChurn(a: KpiRow | undefined, b: KpiRow | undefined): number | null {
  const parts = [a, b].filter((r): r is KpiRow => r !== undefined && r.churnScoreMean !== null);
  const n = parts.reduce((s, r) => s + r.customers, 0);
  return n ? parts.reduce((s, r) => s + (r.churnScoreMean as number) * r.customers, 0) / n : null;
}

/** Association rules mined on the members' baskets only (FP-growth). */
export async function rulesInSegment(db: Db, segmentId: string, options = { minSupport: 0.05, minConfidence: 0.3, limit: 10 }) {
  await requireLiveDefinition(db, segmentId);
  const baskets = (await memberBaskets(db, segmentId)).filter((b) => b.length > 0);
  if (baskets.length < 10) return { baskets: baskets.length, rules: [] };
  const itemsets = fpgrowth(baskets, { minSupport: options.minSupport, maxLength: 3 });
  const rules = associationRules(itemsets, options.minConfidence)
    .sort((a, b) => b.lift - a.lift || b.support - a.support)
    .slice(0, options.limit);
  const titles = await productTitles(db, [...new Set(rules.flatMap((r) => [...r.antecedent, ...r.consequent]))]);
  const name = (id: number) => titles.get(id) ?? { en: `#${id}`, zh: `#${id}` };
  return {
    baskets: baskets.length,
    rules: rules.map((r) => ({ ...r, antecedentTitles: r.antecedent.map(name), consequentTitles: r.consequent.map(name) })),
  };
}

function metricsOf(rows: Array<{ score: number; label: number }>, threshold: number) {
  if (rows.length === 0) return null;
  const y = rows.map((r) => r.label);
  const scores = rows.map((r) => r.score);
  const auc = rocAuc(y, scores);
  const t = thresholdMetrics(confusionMatrix(y, scores, threshold));
  return { n: rows.length, positiveRate: y.reduce((s, v) => s + v, 0) / y.length, auc: Number.isNaN(auc) ? null : auc, ...t };
}

/**
 * The active classifiers judged inside the segment and on everyone, against the observed outcome
 * of the 30 days up to the as-of time (see scoredOutcomes): the same model can rank one layer
 * well and another poorly.
 */
export async function modelMetricsInSegment(db: Db, segmentId: string) {
  await requireLiveDefinition(db, segmentId);
  const asOf = await findReferenceTime(db);
  // Both models at once: on PostgreSQL each is its own connection (on PGlite they queue).
  const judged = await Promise.all(
    (["churn", "propensity"] as const).map(async (task) => {
      const run = await findActiveRun(db, task);
      if (!run) return null;
      const artifact = ZClassifierArtifact.safeParse(run.artifact);
      const threshold = artifact.success ? artifact.data.threshold : 0.5;
      const rows = await scoredOutcomes(db, segmentId, run.id, task, asOf);
      return {
        task,
        runId: run.id,
        algorithm: run.algorithm,
        version: run.version,
        threshold,
        segment: metricsOf(rows.filter((r) => r.member), threshold),
        population: metricsOf(rows, threshold),
      };
    }),
  );
  return judged.filter((entry) => entry !== null);
}

/** Everything the drill-down's first screen needs except the heavy panels, fetched separately. */
export async function segmentOverview(db: Db, segmentId: string) {
  const segment = await getSegment(db, segmentId);
  const [population, campaigns, snapshots] = await Promise.all([populationSize(db), campaignsTargeting(db, segmentId), listSnapshots(db, segmentId)]);
  const size = segment.memberCount ?? 0;
  return { segment, population, share: population ? size / population : 0, campaigns, snapshots: [...snapshots].reverse() };
}

export async function topOfSegment(db: Db, segmentId: string) {
  await requireLiveDefinition(db, segmentId);
  const [products, categories] = await Promise.all([topProducts(db, segmentId), topCategories(db, segmentId)]);
  return { products, categories };
}

/** A page of members; names are masked for roles without customers.pii, as on the customer list. */
export async function segmentMembers(db: Db, role: Role, segmentId: string, page: number, pageSize: number) {
  await requireLiveDefinition(db, segmentId);
  const result = await memberPage(db, segmentId, page, pageSize);
  if (can(role, "customers.pii")) return result;
  return { ...result, rows: result.rows.map((row) => ({ ...row, displayName: maskName(row.displayName) })) };
}
