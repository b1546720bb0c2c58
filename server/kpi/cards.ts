import type { Db } from "../db";
import { conversions, dailyTotalsOf, distinctCounts, periodTotals, type DailyTotals, type PeriodTotals } from "./cards.repo";
import { comparisonPeriod, eachDay, relativeChange, type KpiFilters, type Period } from "./filters.sql";

/** The KPI cards, in display order; each key has a glossary entry in lib/i18n/sections/overview.ts. */
export const KPI_KEYS = [
  "gmv",
  "netRevenue",
  "payingCustomers",
  "arpu",
  "arppu",
  "visitorToPurchase",
  "freeToPaid",
  "trialToSubscription",
  "renewalRate",
  "refundRate",
  "completionRate",
  "churnRate",
  "cancellations",
  "dau",
  "wau",
  "mau",
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** How a value is shown: money in cents, a share in 0..1, or a plain count. */
export const KPI_UNITS: Record<KpiKey, "cents" | "ratio" | "count"> = {
  gmv: "cents",
  netRevenue: "cents",
  payingCustomers: "count",
  arpu: "cents",
  arppu: "cents",
  visitorToPurchase: "ratio",
  freeToPaid: "ratio",
  trialToSubscription: "ratio",
  renewalRate: "ratio",
  refundRate: "ratio",
  completionRate: "ratio",
  churnRate: "ratio",
  cancellations: "count",
  dau: "count",
  wau: "count",
  mau: "count",
};

/** Where "up" is bad (refunds, churn, cancellations), so the UI colours the change the right way. */
export const LOWER_IS_BETTER: ReadonlySet<KpiKey> = new Set(["refundRate", "churnRate", "cancellations"]);

const ratio = (numerator: number, denominator: number): number | null => (denominator > 0 ? numerator / denominator : null);

/**
 * Every KPI value of one period from its totals; null where the denominator is empty. DAU is the
 * average of the daily distinct learner counts (`learnerDays` summed over the period's `days`).
 */
export function kpiValues(t: PeriodTotals, learnerDays: number, days: number): Record<KpiKey, number | null> {
  const net = t.grossCents - t.refundCents;
  return {
    gmv: t.grossCents,
    netRevenue: net,
    payingCustomers: t.paying,
    arpu: ratio(net, t.active),
    arppu: ratio(net, t.paying),
    visitorToPurchase: ratio(t.newVisitorsPaid, t.newVisitors),
    freeToPaid: ratio(t.freeStartersPaid, t.freeStarters),
    trialToSubscription: ratio(t.trialStartersPaid, t.trialStarters),
    renewalRate: ratio(t.renews, t.renews + t.cancels),
    refundRate: ratio(t.refunds, t.paidPurchases),
    completionRate: ratio(t.completers, t.learners),
    churnRate: ratio(t.churned, t.churnBase),
    cancellations: t.cancels,
    dau: ratio(learnerDays, days),
    wau: t.weeklyLearners,
    mau: t.monthlyLearners,
  };
}

/** One daily value per KPI that has a meaningful daily reading (the rest have no sparkline). */
function dailyValue(key: KpiKey, d: DailyTotals | undefined): number | null {
  const z = d ?? { grossCents: 0, refundCents: 0, active: 0, paying: 0, paidPurchases: 0, refunds: 0, renews: 0, cancels: 0, learners: 0, completers: 0 };
  switch (key) {
    case "gmv":
      return z.grossCents;
    case "netRevenue":
      return z.grossCents - z.refundCents;
    case "payingCustomers":
      return z.paying;
    case "arpu":
      return ratio(z.grossCents - z.refundCents, z.active);
    case "arppu":
      return ratio(z.grossCents - z.refundCents, z.paying);
    case "renewalRate":
      return ratio(z.renews, z.renews + z.cancels);
    case "refundRate":
      return ratio(z.refunds, z.paidPurchases);
    case "completionRate":
      return ratio(z.completers, z.learners);
    case "cancellations":
      return z.cancels;
    case "dau":
    case "wau":
    case "mau":
      return z.learners;
    default:
      return null;
  }
}

export interface KpiCard {
  key: KpiKey;
  unit: "cents" | "ratio" | "count";
  value: number | null;
  previous: number | null;
  change: number | null;
  lowerIsBetter: boolean;
  series: Array<{ day: string; value: number | null }>;
}

export interface KpiCardsResult {
  period: Period;
  comparison: Period;
  cards: KpiCard[];
}

const learnerDays = (daily: DailyTotals[]) => daily.reduce((sum, d) => sum + d.learners, 0);

/** KPIs whose daily reading makes a sparkline; conversions and churn are period-level only. */
const WITH_SERIES: ReadonlySet<KpiKey> = new Set(["gmv", "netRevenue", "payingCustomers", "arpu", "arppu", "renewalRate", "refundRate", "completionRate", "cancellations", "dau", "wau", "mau"]);

export async function kpiCards(db: Db, filters: KpiFilters): Promise<KpiCardsResult> {
  const period: Period = { from: filters.from, to: filters.to };
  const comparison = comparisonPeriod(filters);
  const currentDays = eachDay(period);
  const previousDays = eachDay(comparison);
  // Independent queries: on Postgres they run side by side on the pool; PGlite serialises them.
  const [[daily = [], previousDaily = []], [distinct, previousDistinct], conversion, previousConversion] = await Promise.all([
    dailyTotalsOf(db, [period, comparison], filters),
    distinctCounts(db, [period, comparison], filters),
    conversions(db, period, filters),
    conversions(db, comparison, filters),
  ]);
  const totals = periodTotals(daily, distinct!, conversion);
  const previousTotals = periodTotals(previousDaily, previousDistinct!, previousConversion);
  const current = kpiValues(totals, learnerDays(daily), currentDays.length);
  const previous = kpiValues(previousTotals, learnerDays(previousDaily), previousDays.length);
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const cards = KPI_KEYS.map((key): KpiCard => {
    return {
      key,
      unit: KPI_UNITS[key],
      value: current[key],
      previous: previous[key],
      change: relativeChange(current[key], previous[key]),
      lowerIsBetter: LOWER_IS_BETTER.has(key),
      series: WITH_SERIES.has(key) ? currentDays.map((day) => ({ day, value: dailyValue(key, byDay.get(day)) })) : [],
    };
  });
  return { period, comparison, cards };
}
