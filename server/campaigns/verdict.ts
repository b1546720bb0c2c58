import { meanSampleSize, proportionSampleSize, type SrmResult } from "../stats";
import type { CampaignRow } from "./campaigns.repo";
import type { ArmReadout, ComparisonReadout } from "./readout.types";
import type { ReadoutMetric } from "./readout.effects";
import { leadingTreatment } from "./leading";

const ALPHA = 0.05;
/** When the observed effect is tinier than this (relative), plan for this instead: chasing 0.1% lifts is never "a few more days". */
const MIN_RELATIVE_MDE = 0.05;
const DAY_MS = 86_400_000;
const Z_95 = 1.959963984540054;

export type Verdict =
  | { kind: "no_data" }
  | { kind: "no_control"; arms: number }
  | { kind: "srm"; pValue: number }
  | { kind: "winner" | "loser"; arm: string; diff: number; lower: number; upper: number; pValue: number; metric: ReadoutMetric }
  | {
      kind: "undecided";
      arm: string;
      diff: number | null;
      metric: ReadoutMetric;
      pValue: number | null;
      requiredPerArm: number | null;
      currentPerArm: number;
      /** null when there is no traffic rate to extrapolate (e.g. everyone assigned on day one). */
      daysNeeded: number | null;
    };

interface VerdictInput {
  campaign: CampaignRow;
  metric: ReadoutMetric;
  arms: readonly ArmReadout[];
  comparisons: readonly ComparisonReadout[];
  srm: SrmResult;
  now: Date;
}

/**
 * The plain-language call: a trustworthy split first (SRM), then a significant (adjusted by the
 * experiment's correction, Holm or Benjamini–Hochberg)
 * difference in either direction, else how many more customers per arm a power calculation says
 * the observed effect needs, and how many days that is at the traffic seen so far.
 */
export function decideVerdict(input: VerdictInput): Verdict {
  const { arms, comparisons, metric } = input;
  const exposed = arms.reduce((s, a) => s + a.exposures, 0);
  if (exposed === 0) return { kind: "no_data" };
  if (comparisons.length === 0) return { kind: "no_control", arms: arms.filter((a) => !a.isHoldout).length };
  if (input.srm.defined && input.srm.mismatch) return { kind: "srm", pValue: input.srm.pValue };
  const control = arms.find((a) => a.isControl);
  const ranked = [...comparisons].sort((a, b) => (a.pValueAdjusted ?? 1) - (b.pValueAdjusted ?? 1));
  const best = ranked[0];
  if (!best || !control) return { kind: "no_data" };
  const effect = effectOf(best, metric);
  if (effect && best.pValueAdjusted !== null && best.pValueAdjusted < ALPHA) {
    return { kind: effect.diff > 0 ? "winner" : "loser", arm: best.name, diff: effect.diff, lower: effect.lower, upper: effect.upper, pValue: best.pValueAdjusted, metric };
  }
  const leader = leadingTreatment(comparisons) ?? best;
  const leaderArm = arms.find((a) => a.variantId === leader.variantId);
  const currentPerArm = Math.min(control.exposures, leaderArm?.exposures ?? 0);
  const requiredPerArm = requiredSample(leader, control, metric);
  const days = daysNeeded(input, exposed, requiredPerArm, currentPerArm, arms.filter((a) => !a.isHoldout).length);
  const leaderEffect = effectOf(leader, metric);
  return { kind: "undecided", arm: leader.name, diff: leaderEffect?.diff ?? null, metric, pValue: leader.pValueAdjusted, requiredPerArm, currentPerArm, daysNeeded: days };
}

/** The primary metric's difference (every metric's effect carries its own interval). */
function effectOf(c: ComparisonReadout, _metric: ReadoutMetric) {
  const d = c.primary.difference;
  return d.defined ? { diff: d.estimate, lower: d.ci.lower, upper: d.ci.upper } : undefined;
}

function requiredSample(c: ComparisonReadout, control: ArmReadout, metric: ReadoutMetric): number | null {
  try {
    if (metric !== "conversion") {
      const d = c.primary.difference;
      if (!d.defined) return null;
      // The normal interval is estimate ± z·se, so its half-width gives the standard error back.
      const se = metric === "revenue" && c.revenue.defined ? c.revenue.se : (d.ci.upper - d.ci.lower) / (2 * Z_95);
      const sd = se * Math.sqrt(Math.max(1, control.exposures) / 2);
      const mde = Math.max(Math.abs(d.estimate), MIN_RELATIVE_MDE * Math.max(1e-9, Math.abs(control.values[metric] ?? 0)));
      return sd > 0 && mde > 0 ? meanSampleSize({ sd, mde, alpha: ALPHA, power: 0.8 }).perArm : null;
    }
    if (!control.rate.defined || control.rate.rate <= 0 || control.rate.rate >= 1) return null;
    const baseline = control.rate.rate;
    const observed = c.conversion.difference.defined ? Math.abs(c.conversion.difference.estimate) : 0;
    const mde = Math.min(1 - baseline - 1e-6, Math.max(observed, MIN_RELATIVE_MDE * baseline));
    return proportionSampleSize({ baseline, mde, mdeType: "absolute", alpha: ALPHA, power: 0.8 }).perArm;
  } catch {
    return null;
  }
}

function daysNeeded(input: VerdictInput, exposed: number, required: number | null, current: number, armCount: number): number | null {
  if (required === null) return null;
  if (current >= required) return 0;
  const start = input.campaign.startsAt ?? input.campaign.approvedAt;
  if (!start) return null;
  // Under a day of history is not a rate (a launch assigns the whole segment at once), so the pace
  // then is the audience spread over the planned run.
  const elapsedDays = (input.now.getTime() - start.getTime()) / DAY_MS;
  const plannedDays = input.campaign.endsAt ? (input.campaign.endsAt.getTime() - start.getTime()) / DAY_MS : 0;
  const basis = elapsedDays >= 1 ? elapsedDays : plannedDays;
  if (!(basis >= 1)) return null;
  const perArmPerDay = exposed / Math.max(1, armCount) / basis;
  return perArmPerDay > 0 ? Math.ceil((required - current) / perArmPerDay) : null;
}
