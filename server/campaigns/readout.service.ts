import type { Db } from "../db";
import {
  benjaminiHochberg,
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
import { GUARDRAIL_METRICS, armValue, meanMoments, metricEffect, secondaryMetrics, type EffectMetric, type ReadoutMetric } from "./readout.effects";
import type { ArmReadout, ComparisonReadout, GuardrailEffect, HoldoutComparison } from "./readout.types";
import { decideVerdict, type Verdict } from "./verdict";
import { leadingTreatment } from "./leading";

export type { ArmReadout, ComparisonReadout, GuardrailEffect, HoldoutComparison };

const ALL_METRICS: readonly EffectMetric[] = ["conversion", "revenue", "net_revenue", "arppu", "refund_rate", "discount_cost"];

/** The experiment's primary metric: chosen at build time, else from the goal. */
export function primaryMetricOf(campaign: Pick<CampaignRow, "goal" | "primaryMetric">): ReadoutMetric {
  if (campaign.primaryMetric) return campaign.primaryMetric;
  return campaign.goal === "revenue_per_customer" ? "revenue" : "conversion";
}

function emptyAggregate(variantId: string | null): ArmAggregate {
  return {
    variantId, exposures: 0, conversions: 0, revenueCents: 0, revenueSquares: 0, interference: 0,
    winsorisedCents: 0, winsorisedSquares: 0, capped: 0, discountCents: 0, discountSquares: 0,
    refunders: 0, refundCents: 0, netCents: 0, netSquares: 0, converterRevenueCents: 0,
  };
}

function valuesOf(a: ArmAggregate, winsorised: boolean): Record<EffectMetric, number | null> {
  return Object.fromEntries(ALL_METRICS.map((m) => [m, armValue(m, a, winsorised)])) as Record<EffectMetric, number | null>;
}

/** Adjusted p-values in input order by the experiment's correction; null where the raw p is undefined. */
export function adjustPValues(correction: "holm" | "bh", pValues: readonly (number | null)[]): (number | null)[] {
  const tested = pValues.flatMap((p, i) => (p === null ? [] : [{ p, i }]));
  const raw = tested.map((t) => t.p);
  let adjusted: readonly number[] = holmAdjust(raw);
  if (correction === "bh") {
    const bh = benjaminiHochberg(raw);
    adjusted = bh.defined ? bh.adjusted : raw.map(() => 1);
  }
  const out: (number | null)[] = pValues.map(() => null);
  tested.forEach((t, k) => (out[t.i] = adjusted[k] ?? null));
  return out;
}

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

function arms(variants: readonly VariantRow[], aggregates: readonly ArmAggregate[], winsorised: boolean): ArmReadout[] {
  const byVariant = new Map(aggregates.map((a) => [a.variantId, a]));
  const rows: ArmReadout[] = variants.map((v) => {
    const a = byVariant.get(v.id) ?? emptyAggregate(v.id);
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
      values: valuesOf(a, winsorised),
      capped: a.capped,
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
      values: valuesOf(holdout, winsorised),
      capped: holdout.capped,
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
function timeline(daily: Awaited<ReturnType<typeof dailyCounts>>, controlId: string, treatmentId: string, metric: ReadoutMetric, winsorised: boolean): TimelinePoint[] {
  const days = [...new Set(daily.map((d) => d.day))].sort();
  const control = emptyAggregate(controlId);
  const treatment = emptyAggregate(treatmentId);
  return days.map((day) => {
    for (const d of daily.filter((x) => x.day === day)) {
      const arm = d.variantId === controlId ? control : d.variantId === treatmentId ? treatment : null;
      if (!arm) continue;
      arm.exposures += d.exposures;
      arm.conversions += d.conversions;
      arm.revenueCents += d.revenueCents;
      arm.revenueSquares += d.revenueSquares;
      arm.winsorisedCents += d.winsorisedCents;
      arm.winsorisedSquares += d.winsorisedSquares;
      arm.netCents += d.netCents;
      arm.netSquares += d.netSquares;
    }
    const n = control.exposures + treatment.exposures;
    if (control.exposures === 0 || treatment.exposures === 0) return { day, exposures: n, diff: null, lower: null, upper: null };
    // Outcomes observed before their exposure was stamped cannot push a rate past 1.
    const cap = (a: ArmAggregate): ArmAggregate => ({ ...a, conversions: Math.min(a.conversions, a.exposures) });
    const { diff, variance } = metric === "conversion" ? rateDifference(cap(control), cap(treatment)) : meanDifference(metric, control, treatment, winsorised);
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

function meanDifference(metric: "revenue" | "net_revenue", control: ArmAggregate, treatment: ArmAggregate, winsorised: boolean) {
  const c = meanMoments(metric, control, winsorised);
  const t = meanMoments(metric, treatment, winsorised);
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
  /** The per-experiment read-out options, as stored on the campaign. */
  options: { correction: "holm" | "bh"; winsorise: "off" | "p99" | "p95"; /** The pooled revenue cap in CN¥, or null. */ cap: number | null };
  /** No data source records a marketing unsubscribe with its time (consent is a flag without a date), so there is no unsubscribe rate. */
  unsubscribe: { defined: false; reason: "no_signal" };
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
  const metric = primaryMetricOf(campaign);
  const winsorised = campaign.winsorise !== "off";
  // CUPED adjusts conversion or gross revenue only: net revenue has no pre-period covariate here.
  const cupedOn = (options.cuped ?? false) && metric !== "net_revenue";
  // Independent aggregates, run at once (each on its own pooled connection on Postgres).
  const [variants, aggregated, segmentCounts, waves, covariates] = await Promise.all([
    listVariants(db, id),
    armAggregates(db, id, { attributionDays: campaign.attributionDays, winsorise: campaign.winsorise }),
    segmentArmCounts(db, id),
    campaign.allocation === "thompson" ? waveCounts(db, id) : Promise.resolve([]),
    cupedOn ? covariateMoments(db, id, metric === "revenue" ? "revenue" : "conversion") : Promise.resolve([]),
  ]);
  const aggregates = aggregated.arms;
  // The timeline caps revenue at the read-out's own cap, so its last point is the table's number.
  const daily = await dailyCounts(db, id, { attributionDays: campaign.attributionDays, capCents: aggregated.capCents });
  const armRows = arms(variants, aggregates, winsorised);
  const control = variants.find((v) => v.isControl);
  const treatments = variants.filter((v) => !v.isControl);
  const byVariant = new Map(aggregates.map((a) => [a.variantId, a]));
  const zero = emptyAggregate(null);
  const comparisons: ComparisonReadout[] = control
    ? treatments.map((t) => {
        const a = byVariant.get(control.id) ?? zero;
        const b = byVariant.get(t.id) ?? zero;
        const ra = meanMoments("revenue", a, winsorised);
        const rb = meanMoments("revenue", b, winsorised);
        const secondaries = secondaryMetrics(metric).map((m) => metricEffect(m, a, b, winsorised));
        const guardrails: GuardrailEffect[] = GUARDRAIL_METRICS.map((m) => {
          const effect = metricEffect(m, a, b, winsorised);
          // Both guardrails are costs: higher is worse. Worse significantly = the whole 95 % interval above 0.
          return { ...effect, worsened: effect.difference.defined && effect.difference.ci.lower > 0 };
        });
        return {
          variantId: t.id,
          key: t.key,
          name: t.name,
          primary: metricEffect(metric, a, b, winsorised),
          secondary: secondaries[0] ?? metricEffect("arppu", a, b),
          secondaries,
          guardrails,
          conversion: compareProportions({ cA: a.conversions, nA: a.exposures, cB: b.conversions, nB: b.exposures }),
          pValueHolm: null,
          pValueAdjusted: null,
          revenue:
            ra.n > 1 && rb.n > 1
              ? welchTest({ nA: ra.n, meanA: ra.mean, varA: ra.variance, nB: rb.n, meanB: rb.mean, varB: rb.variance })
              : { defined: false, reason: "an arm has fewer than two customers" },
          cuped: cupedOn ? safeCuped(covariates, control.id, t.id) : null,
        };
      })
    : [];
  const primaryP = comparisons.map((c) => (c.primary.pValue.defined ? c.primary.pValue.value : null));
  const holm = adjustPValues("holm", primaryP);
  const chosen = adjustPValues(campaign.correction, primaryP);
  comparisons.forEach((c, i) => {
    c.pValueHolm = holm[i] ?? null;
    c.pValueAdjusted = chosen[i] ?? null;
    c.primary.pValueAdjusted = c.pValueAdjusted;
  });
  const holdoutAggregate = byVariant.get(null);
  const holdout: HoldoutComparison[] = holdoutAggregate
    ? variants.map((v) => ({ variantId: v.id, key: v.key, name: v.name, effect: metricEffect(metric, holdoutAggregate, byVariant.get(v.id) ?? zero, winsorised) }))
    : [];
  const srm = srmFor(campaign, variants, aggregates);
  const lead = leadingTreatment(comparisons);
  const timelineRows = control && lead ? timeline(daily, control.id, lead.variantId, metric, winsorised) : [];
  const bandit = campaign.allocation === "thompson" ? banditReadout(waves, armRows) : null;
  return {
    campaign: { id: campaign.id, name: campaign.name, goal: campaign.goal, status: campaign.status, allocation: campaign.allocation, origin: campaign.origin, startsAt: campaign.startsAt, endsAt: campaign.endsAt, attributionDays: campaign.attributionDays },
    metric,
    options: { correction: campaign.correction, winsorise: campaign.winsorise, cap: aggregated.capCents === null ? null : aggregated.capCents / 100 },
    unsubscribe: { defined: false, reason: "no_signal" },
    arms: armRows,
    comparisons,
    holdout,
    srm,
    cuped: cupedOn,
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
