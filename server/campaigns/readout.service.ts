import type { Db } from "../db";
import {
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
import { metricEffect, otherMetric, revenueMoments, type ReadoutMetric } from "./readout.effects";
import type { ArmReadout, ComparisonReadout, HoldoutComparison } from "./readout.types";
import { decideVerdict, type Verdict } from "./verdict";
import { leadingTreatment } from "./leading";

export type { ArmReadout, ComparisonReadout, HoldoutComparison };

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
  /** Why the cell is too small to test (greyed on the page and left out of the Holm family), or null. */
  tooSmall: CellTooSmall | null;
}

export interface CellTooSmall {
  what: "exposures" | "conversions";
  minimum: number;
  /** The smaller arm's count. */
  fewest: number;
}

/** A segment × arm cell is tested only with at least this many exposures and conversions in each of its two arms. */
export const MIN_CELL_EXPOSURES = 30;
export const MIN_CELL_CONVERSIONS = 5;

function cellTooSmall(control: { exposures: number; conversions: number }, treatment: { exposures: number; conversions: number }): CellTooSmall | null {
  const fewest = Math.min(control.exposures, treatment.exposures);
  if (fewest < MIN_CELL_EXPOSURES) return { what: "exposures", minimum: MIN_CELL_EXPOSURES, fewest };
  const fewestConversions = Math.min(control.conversions, treatment.conversions);
  if (fewestConversions < MIN_CELL_CONVERSIONS) return { what: "conversions", minimum: MIN_CELL_CONVERSIONS, fewest: fewestConversions };
  return null;
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

/**
 * The cumulative difference on the primary metric, day by day, with the confidence sequence
 * (valid at every peek). A customer counts as exposed from the exposure day and contributes
 * their outcome from the day it was observed.
 */
function timeline(daily: Awaited<ReturnType<typeof dailyCounts>>, controlId: string, treatmentId: string, metric: ReadoutMetric): TimelinePoint[] {
  const days = [...new Set(daily.map((d) => d.day))].sort();
  const empty = (variantId: string): ArmAggregate => ({ variantId, exposures: 0, conversions: 0, revenueCents: 0, revenueSquares: 0, interference: 0 });
  const control = empty(controlId);
  const treatment = empty(treatmentId);
  return days.map((day) => {
    for (const d of daily.filter((x) => x.day === day)) {
      const arm = d.variantId === controlId ? control : d.variantId === treatmentId ? treatment : null;
      if (!arm) continue;
      arm.exposures += d.exposures;
      arm.conversions += d.conversions;
      arm.revenueCents += d.revenueCents;
      arm.revenueSquares += d.revenueSquares;
    }
    const n = control.exposures + treatment.exposures;
    if (control.exposures === 0 || treatment.exposures === 0) return { day, exposures: n, diff: null, lower: null, upper: null };
    // Outcomes observed before their exposure was stamped cannot push a rate past 1.
    const cap = (a: ArmAggregate): ArmAggregate => ({ ...a, conversions: Math.min(a.conversions, a.exposures) });
    const { diff, variance } = metric === "revenue" ? revenueDifference(control, treatment) : rateDifference(cap(control), cap(treatment));
    const cs = confidenceSequence({ variance, n, nStar: SEQUENTIAL_N_STAR, alpha: ALPHA, estimate: diff });
    const interval: Interval | undefined = cs.defined ? cs.interval : undefined;
    return { day, exposures: n, diff, lower: interval?.lower ?? null, upper: interval?.upper ?? null };
  });
}

function rateDifference(control: ArmAggregate, treatment: ArmAggregate) {
  const pC = control.conversions / control.exposures;
  const pT = treatment.conversions / treatment.exposures;
  return { diff: pT - pC, variance: (pC * (1 - pC)) / control.exposures + (pT * (1 - pT)) / treatment.exposures };
}

function revenueDifference(control: ArmAggregate, treatment: ArmAggregate) {
  const c = revenueMoments(control);
  const t = revenueMoments(treatment);
  return { diff: t.mean - c.mean, variance: c.variance / Math.max(1, c.n) + t.variance / Math.max(1, t.n) };
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
      const tooSmall = cellTooSmall({ exposures: c?.exposures ?? 0, conversions: c?.conversions ?? 0 }, { exposures: tr?.exposures ?? 0, conversions: tr?.conversions ?? 0 });
      rows.push({
        segmentId,
        segmentName: inSegment[0]?.segmentName ?? "",
        variantKey: t.key,
        controlN: c?.exposures ?? 0,
        treatmentN: tr?.exposures ?? 0,
        controlRate: result.armA.defined ? result.armA.rate : null,
        treatmentRate: result.armB.defined ? result.armB.rate : null,
        diff: result.difference.defined ? result.difference.estimate : null,
        pValue: tooSmall === null && result.zTest.defined ? result.zTest.pValue : null,
        pValueHolm: null,
        tooSmall,
      });
    }
  }
  // Holm over every segment × treatment cell large enough to test: slicing many ways is exactly
  // where false wins hide, and cells too small to test stay out of the family rather than dilute it.
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
  metric: ReadoutMetric;
  arms: ArmReadout[];
  comparisons: ComparisonReadout[];
  /** Each arm against the holdout on the primary metric; empty without a holdout. */
  holdout: HoldoutComparison[];
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
    segmentArmCounts(db, id),
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
        const ra = revenueMoments(a);
        const rb = revenueMoments(b);
        return {
          variantId: t.id,
          key: t.key,
          name: t.name,
          primary: metricEffect(metric, a, b),
          secondary: metricEffect(otherMetric(metric), a, b),
          conversion: compareProportions({ cA: a.conversions, nA: a.exposures, cB: b.conversions, nB: b.exposures }),
          pValueHolm: null,
          revenue:
            ra.n > 1 && rb.n > 1
              ? welchTest({ nA: ra.n, meanA: ra.mean, varA: ra.variance, nB: rb.n, meanB: rb.mean, varB: rb.variance })
              : { defined: false, reason: "an arm has fewer than two customers" },
          cuped: options.cuped ? safeCuped(covariates, control.id, t.id) : null,
        };
      })
    : [];
  const primaryP = comparisons.map((c) => (c.primary.pValue.defined ? c.primary.pValue.value : null));
  const adjusted = holmAdjust(primaryP.map((p) => p ?? 1));
  comparisons.forEach((c, i) => {
    c.pValueHolm = primaryP[i] === null ? null : (adjusted[i] ?? null);
    c.primary.pValueAdjusted = c.pValueHolm;
  });
  const holdoutAggregate = byVariant.get(null);
  const holdout: HoldoutComparison[] = holdoutAggregate
    ? variants.map((v) => ({ variantId: v.id, key: v.key, name: v.name, effect: metricEffect(metric, holdoutAggregate, byVariant.get(v.id) ?? zero) }))
    : [];
  const srm = srmFor(campaign, variants, aggregates);
  const lead = leadingTreatment(comparisons);
  const timelineRows = control && lead ? timeline(daily, control.id, lead.variantId, metric) : [];
  const bandit = campaign.allocation === "thompson" ? banditReadout(waves, armRows) : null;
  return {
    campaign: { id: campaign.id, name: campaign.name, goal: campaign.goal, status: campaign.status, allocation: campaign.allocation, origin: campaign.origin, startsAt: campaign.startsAt, endsAt: campaign.endsAt, attributionDays: campaign.attributionDays },
    metric,
    arms: armRows,
    comparisons,
    holdout,
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
