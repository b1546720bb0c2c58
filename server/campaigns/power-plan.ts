/**
 * Whether a chosen segment can supply the sample a test needs, and how long that takes. Pure:
 * the counts and the size history come in, the plan goes out; no database.
 */

/** One daily size snapshot of a segment: `day` is `YYYY-MM-DD`. */
export interface SizeSnapshot {
  readonly day: string;
  readonly size: number;
}

export interface Inflow {
  /** New members a day over the window (never negative). */
  readonly perDay: number;
  /** Days between the first and last snapshot used. */
  readonly spanDays: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day.slice(0, 10)}T00:00:00Z`) / DAY_MS);

/**
 * New members a day from the size history: the sum of the day-over-day increases within the last
 * `windowDays` days (a refresh skipped for a few days counts its whole increase once), divided by
 * the days the snapshots span. Decreases are leavers, not arrivals, so they do not offset the
 * arrivals: a customer assigned once stays in the test after leaving the segment. Null when there
 * are fewer than two snapshots on different days in the window (no history to read a rate from).
 */
export function dailyInflow(snapshots: readonly SizeSnapshot[], windowDays = 28): Inflow | null {
  const points = snapshots
    .map((s) => ({ n: dayNumber(s.day), size: s.size }))
    .filter((p) => Number.isFinite(p.n) && Number.isFinite(p.size))
    .sort((a, b) => a.n - b.n);
  const last = points[points.length - 1];
  if (!last) return null;
  const recent = points.filter((p) => p.n >= last.n - windowDays);
  const first = recent[0];
  if (!first || last.n === first.n) return null;
  let increases = 0;
  for (let i = 1; i < recent.length; i++) {
    const step = (recent[i]?.size ?? 0) - (recent[i - 1]?.size ?? 0);
    if (step > 0) increases += step;
  }
  const spanDays = last.n - first.n;
  return { perDay: increases / spanDays, spanDays };
}

export interface SegmentPlanInput {
  /** Customers needed in each arm (the power calculation's answer). */
  readonly requiredPerArm: number;
  /** Arms including control, equally allocated (as the power calculation assumes). */
  readonly arms: number;
  /** Members now, not erased. */
  readonly members: number;
  /** Members now who may be contacted: consent given and not erased. */
  readonly eligible: number;
  /** Share of the eligible kept out of every arm, 0 ≤ h < 1. */
  readonly holdoutShare: number;
  /** New members a day, or null when the history is too short to tell. */
  readonly inflowPerDay: number | null;
  /** Days the campaign is planned to run, when known. */
  readonly plannedDays?: number | null;
}

export type Horizon =
  | { readonly kind: "enough" }
  | { readonly kind: "days"; readonly days: number }
  | { readonly kind: "zero_inflow" }
  | { readonly kind: "unknown_inflow" };

export interface SegmentPlan {
  readonly eligible: number;
  /** Eligible customers left for the arms once the holdout is set aside. */
  readonly inTest: number;
  readonly availablePerArm: number;
  readonly requiredPerArm: number;
  /** Customers still missing in each arm (0 when there are enough). */
  readonly shortfallPerArm: number;
  /** New eligible members a day reaching each arm (the holdout and the other arms take the rest). */
  readonly perArmInflowPerDay: number | null;
  /** New eligible members a day in the whole segment. */
  readonly eligibleInflowPerDay: number | null;
  readonly horizon: Horizon;
  /** True when the required sample is there now or arrives within the planned run; null without a plan. */
  readonly fitsPlan: boolean | null;
}

/**
 * Available per arm = ⌊eligible·(1−h)/arms⌋. Arrivals are taken to be eligible in the share the
 * segment has now (eligible/members; all of them when the segment is empty), split the same way,
 * so days = ⌈(required − available) / (inflow·share·(1−h)/arms)⌉.
 */
export function segmentPowerPlan(input: SegmentPlanInput): SegmentPlan {
  const arms = Math.max(1, Math.floor(input.arms));
  const holdout = Math.min(Math.max(input.holdoutShare, 0), 0.999);
  const eligible = Math.max(0, Math.floor(input.eligible));
  const members = Math.max(eligible, Math.floor(input.members));
  const inTest = Math.floor(eligible * (1 - holdout));
  const availablePerArm = Math.floor(inTest / arms);
  const requiredPerArm = Math.max(0, Math.ceil(input.requiredPerArm));
  const shortfallPerArm = Math.max(0, requiredPerArm - availablePerArm);
  const eligibleShare = members > 0 ? eligible / members : 1;
  const eligibleInflowPerDay = input.inflowPerDay === null ? null : Math.max(0, input.inflowPerDay) * eligibleShare;
  const perArmInflowPerDay = eligibleInflowPerDay === null ? null : (eligibleInflowPerDay * (1 - holdout)) / arms;
  let horizon: Horizon;
  if (shortfallPerArm === 0) horizon = { kind: "enough" };
  else if (perArmInflowPerDay === null) horizon = { kind: "unknown_inflow" };
  else if (!(perArmInflowPerDay > 0)) horizon = { kind: "zero_inflow" };
  else horizon = { kind: "days", days: Math.ceil(shortfallPerArm / perArmInflowPerDay) };
  const planned = input.plannedDays ?? null;
  const fitsPlan = horizon.kind === "enough" ? true : planned === null ? null : horizon.kind === "days" ? horizon.days <= planned : false;
  return { eligible, inTest, availablePerArm, requiredPerArm, shortfallPerArm, perArmInflowPerDay, eligibleInflowPerDay, horizon, fitsPlan };
}
