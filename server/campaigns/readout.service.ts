import type { Db } from "../db";
import {
  bayesProportions,
  compareProportions,
  confidenceSequence,
  cupedFromMoments,
  holmAdjust,
  sampleRatioMismatch,
  welchTest,
  type CupedResult,
  type Interval,
  type SrmResult,
} from "../stats";
import { listVariants, type CampaignRow, type VariantRow } from "./campaigns.repo";
import { requireCampaign } from "./campaigns.service";
import { armAggregates, covariateMoments, dailyCounts, segmentArmCounts, waveCounts, type ArmAggregate, type CovariateMoments } from "./readout.repo";
import type { ArmReadout, ComparisonReadout } from "./readout.types";
import { decideVerdict, type Verdict } from "./verdict";

export type { ArmReadout, ComparisonReadout };

/** nStar of the confidence sequence: the sample size at which it is tightest (see server/stats/sequential.ts). */
const SEQUENTIAL_N_STAR = 1000;
const ALPHA = 0.05;
const MAX_SEGMENTS = 8;



export interface TimelinePoint {
  day: string;
  exposures: number;
  diff: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SegmentReadout {
  segmentId: string;
  segmentName: string;
  variantKey: string;
  controlN: number;
  treatmentN: number;
  controlRate: number | null;
  treatmentRate: number | null;
  diff: number | null;
  pValue: number | null;
  pValueHolm: number | null;
}

function revenueSummary(a: ArmAggregate) {
  const n = a.exposures;
  const mean = n > 0 ? a.revenueCents / 100 / n : 0;
  const variance = n > 1 ? Math.max(0, (a.revenueSquares / 10_000 - n * mean * mean) / (n - 1)) : 0;
  return { n, mean, variance };
}

function arms(variants: readonly VariantRow[], aggregates: readonly ArmAggregate[]): ArmReadout[] {
  const byVariant = new Map(aggregates.map((a) => [a.variantId, a]));
  const empty = (variantId: string | null): ArmAggregate => ({ variantId, exposures: 0, conversions: 0, revenueCents: 0, revenueSquares: 0, interference: 0 });
  const rows: ArmReadout[] = variants.map((v) => {
    const a = byVariant.get(v.id) ?? empty(v.id);
    return {
      variantId: v.id,
      key: v.key,
      name: v.name,
      isControl: v.isControl,
      isHoldout: false,
      weight: v.weight,
      exposures: a.exposures,
      conversions: a.conversions,
      rate: compareProportions({ cA: a.conversions, nA: a.exposures, cB: 0, nB: 0 }).armA,
      revenuePerCustomer: a.exposures > 0 ? a.revenueCents / 100 / a.exposures : null,
      interference: a.interference,
    };
  });
  const holdout = byVariant.get(null);
  if (holdout) {
    rows.push({
      variantId: null,
      key: "holdout",
      name: "Holdout",
      isControl: false,
      isHoldout: true,
      weight: null,
      exposures: holdout.exposures,
      conversions: holdout.conversions,
      rate: compareProportions({ cA: holdout.conversions, nA: holdout.exposures, cB: 0, nB: 0 }).armA,
      revenuePerCustomer: holdout.exposures > 0 ? holdout.revenueCents / 100 / holdout.exposures : null,
      interference: holdout.interference,
    });
  }
  return rows;
}

function srmFor(campaign: CampaignRow, variants: readonly VariantRow[], aggregates: readonly ArmAggregate[]): SrmResult {
  if (campaign.allocation === "thompson") return { defined: false, reason: "bandit allocation changes the split on purpose: SRM does not apply" };
  if (variants.length < 2) return { defined: false, reason: "a single arm has no split to check" };
  const byVariant = new Map(aggregates.map((a) => [a.variantId, a.exposures]));
  const counts = variants.map((v) => byVariant.get(v.id) ?? 0);
  const total = variants.reduce((s, v) => s + v.weight, 0);
  const weights = variants.map((v) => ((1 - campaign.holdoutShare) * v.weight) / total);
  if (campaign.holdoutShare > 0) {
    counts.push(byVariant.get(null) ?? 0);
    weights.push(campaign.holdoutShare);
  }
  if (counts.reduce((a, b) => a + b, 0) === 0) return { defined: false, reason: "no one assigned yet" };
  return sampleRatioMismatch(counts, weights);
}

function timeline(daily: Awaited<ReturnType<typeof dailyCounts>>, controlId: string, treatmentId: string): TimelinePoint[] {
  const days = [...new Set(daily.map((d) => d.day))].sort();
  const totals = { nC: 0, cC: 0, nT: 0, cT: 0 };
  return days.map((day) => {
    for (const d of daily.filter((x) => x.day === day)) {
      if (d.variantId === controlId) {
        totals.nC += d.exposures;
        totals.cC += d.conversions;
      } else if (d.variantId === treatmentId) {
        totals.nT += d.exposures;
        totals.cT += d.conversions;
      }
    }
    const { nC, cC, nT, cT } = totals;
    if (nC === 0 || nT === 0) return { day, exposures: nC + nT, diff: null, lower: null, upper: null };
    const pC = Math.min(1, cC / nC);
    const pT = Math.min(1, cT / nT);
    const variance = (pC * (1 - pC)) / nC + (pT * (1 - pT)) / nT;
    const cs = confidenceSequence({ variance, n: nC + nT, nStar: SEQUENTIAL_N_STAR, alpha: ALPHA, estimate: pT - pC });
    const interval: Interval | undefined = cs.defined ? cs.interval : undefined;
    return { day, exposures: nC + nT, diff: pT - pC, lower: interval?.lower ?? null, upper: interval?.upper ?? null };
  });
}

function segmentBreakdown(counts: Awaited<ReturnType<typeof segmentArmCounts>>, control: VariantRow, treatments: readonly VariantRow[]): SegmentReadout[] {
  const sizes = new Map<string, number>();
  for (const c of counts) sizes.set(c.segmentId, (sizes.get(c.segmentId) ?? 0) + c.exposures);
  const top = [...sizes.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_SEGMENTS).map(([id]) => id);
  const rows: SegmentReadout[] = [];
  for (const segmentId of top) {
    const inSegment = counts.filter((c) => c.segmentId === segmentId);
    const c = inSegment.find((x) => x.variantId === control.id);
    for (const t of treatments) {
      const tr = inSegment.find((x) => x.variantId === t.id);
      const result = compareProportions({ cA: c?.conversions ?? 0, nA: c?.exposures ?? 0, cB: tr?.conversions ?? 0, nB: tr?.exposures ?? 0 });
      rows.push({
        segmentId,
        segmentName: inSegment[0]?.segmentName ?? "",
        variantKey: t.key,
        controlN: c?.exposures ?? 0,
        treatmentN: tr?.exposures ?? 0,
        controlRate: result.armA.defined ? result.armA.rate : null,
        treatmentRate: result.armB.defined ? result.armB.rate : null,
        diff: result.difference.defined ? result.difference.estimate : null,
        pValue: result.zTest.defined ? result.zTest.pValue : null,
        pValueHolm: null,
      });
    }
  }
  // Holm over every segment × treatment test shown: slicing many ways is exactly where false wins hide.
  const tested = rows.filter((r) => r.pValue !== null);
  const adjusted = holmAdjust(tested.map((r) => r.pValue ?? 1));
  tested.forEach((r, i) => (r.pValueHolm = adjusted[i] ?? null));
  return rows;
}

function cupedFor(moments: readonly CovariateMoments[], controlId: string, treatmentId: string): CupedResult {
  const none = { n: 0, sumY: 0, sumX: 0, sumXX: 0, sumXY: 0, sumYY: 0 };
  const of = (id: string) => moments.find((m) => m.variantId === id) ?? none;
  return cupedFromMoments(of(controlId), of(treatmentId));
}

export interface BanditReadout {
  waves: { wave: number; exposures: Record<string, number> }[];
  /** Σ_k n_k (p̂_best − p̂_k) from observed rates: an estimate, since the true rates are unknown. */
  estimatedRegret: number;
}

export interface CampaignReadout {
  campaign: { id: string; name: string; goal: string; status: string; allocation: string; origin: string; startsAt: Date | null; endsAt: Date | null; attributionDays: number };
  metric: "conversion" | "revenue";
  arms: ArmReadout[];
  comparisons: ComparisonReadout[];
  srm: SrmResult;
  cuped: boolean;
  timeline: TimelinePoint[];
  timelineArm: string | null;
  segments: SegmentReadout[];
  bandit: BanditReadout | null;
  verdict: Verdict;
}

export async function campaignReadout(db: Db, id: string, options: { cuped?: boolean; now?: Date } = {}): Promise<CampaignReadout> {
  const campaign = await requireCampaign(db, id);
  const metric = campaign.goal === "revenue_per_customer" ? "revenue" : "conversion";
  // Independent aggregates, run at once (each on its own pooled connection on Postgres).
  const [variants, aggregates, daily, segmentCounts, waves, covariates] = await Promise.all([
    listVariants(db, id),
    armAggregates(db, id),
    dailyCounts(db, id),
    segmentArmCounts(db, id, campaign.segmentId),
    campaign.allocation === "thompson" ? waveCounts(db, id) : Promise.resolve([]),
    options.cuped ? covariateMoments(db, id, metric) : Promise.resolve([]),
  ]);
  const armRows = arms(variants, aggregates);
  const control = variants.find((v) => v.isControl);
  const treatments = variants.filter((v) => !v.isControl);
  const byVariant = new Map(aggregates.map((a) => [a.variantId, a]));
  const zero: ArmAggregate = { variantId: null, exposures: 0, conversions: 0, revenueCents: 0, revenueSquares: 0, interference: 0 };
  const comparisons: ComparisonReadout[] = control
    ? treatments.map((t) => {
        const a = byVariant.get(control.id) ?? zero;
        const b = byVariant.get(t.id) ?? zero;
        const ra = revenueSummary(a);
        const rb = revenueSummary(b);
        const bayes = bayesProportions({ cA: a.conversions, nA: a.exposures, cB: b.conversions, nB: b.exposures });
        return {
          variantId: t.id,
          key: t.key,
          name: t.name,
          conversion: compareProportions({ cA: a.conversions, nA: a.exposures, cB: b.conversions, nB: b.exposures }),
          pValueHolm: null,
          probBeatControl: bayes.probBBeatsA,
          expectedLoss: bayes.expectedLossB,
          revenue:
            ra.n > 1 && rb.n > 1
              ? welchTest({ nA: ra.n, meanA: ra.mean, varA: ra.variance, nB: rb.n, meanB: rb.mean, varB: rb.variance })
              : { defined: false, reason: "an arm has fewer than two customers" },
          cuped: options.cuped ? safeCuped(covariates, control.id, t.id) : null,
        };
      })
    : [];
  const primaryP = comparisons.map((c) => primaryPValue(c, metric));
  const adjusted = holmAdjust(primaryP.map((p) => p ?? 1));
  comparisons.forEach((c, i) => (c.pValueHolm = primaryP[i] === null ? null : (adjusted[i] ?? null)));
  const srm = srmFor(campaign, variants, aggregates);
  const lead = leadingTreatment(comparisons);
  const timelineRows = control && lead ? timeline(daily, control.id, lead.variantId) : [];
  const bandit = campaign.allocation === "thompson" ? banditReadout(waves, armRows) : null;
  return {
    campaign: { id: campaign.id, name: campaign.name, goal: campaign.goal, status: campaign.status, allocation: campaign.allocation, origin: campaign.origin, startsAt: campaign.startsAt, endsAt: campaign.endsAt, attributionDays: campaign.attributionDays },
    metric,
    arms: armRows,
    comparisons,
    srm,
    cuped: options.cuped ?? false,
    timeline: timelineRows,
    timelineArm: lead?.key ?? null,
    segments: control ? segmentBreakdown(segmentCounts, control, treatments) : [],
    bandit,
    verdict: decideVerdict({ campaign, metric, arms: armRows, comparisons, srm, now: options.now ?? new Date() }),
  };
}

function safeCuped(moments: readonly CovariateMoments[], controlId: string, treatmentId: string): CupedResult | null {
  try {
    return cupedFor(moments, controlId, treatmentId);
  } catch {
    // Too few customers with a covariate for a variance: the page shows the raw test only.
    return null;
  }
}

export function primaryPValue(c: ComparisonReadout, metric: "conversion" | "revenue"): number | null {
  if (metric === "revenue") return c.revenue.defined ? c.revenue.pValue : null;
  return c.conversion.zTest.defined ? c.conversion.zTest.pValue : null;
}

function leadingTreatment(comparisons: readonly ComparisonReadout[]): ComparisonReadout | undefined {
  return [...comparisons].sort((a, b) => b.probBeatControl - a.probBeatControl)[0];
}

function banditReadout(waves: Awaited<ReturnType<typeof waveCounts>>, armRows: readonly ArmReadout[]): BanditReadout {
  const keyOf = new Map(armRows.map((a) => [a.variantId, a.key]));
  const byWave = new Map<number, Record<string, number>>();
  for (const w of waves) {
    const entry = byWave.get(w.wave) ?? {};
    entry[keyOf.get(w.variantId) ?? "holdout"] = w.exposures;
    byWave.set(w.wave, entry);
  }
  const live = armRows.filter((a) => !a.isHoldout && a.exposures > 0);
  const rates = live.map((a) => a.conversions / a.exposures);
  const best = Math.max(0, ...rates);
  const estimatedRegret = live.reduce((sum, a, i) => sum + a.exposures * (best - (rates[i] ?? 0)), 0);
  return { waves: [...byWave.entries()].sort((a, b) => a[0] - b[0]).map(([wave, exposures]) => ({ wave, exposures })), estimatedRegret };
}
