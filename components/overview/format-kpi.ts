import type { Locale } from "@/lib/i18n";
import { formatNumber, formatPercent } from "@/lib/format";
import { formatDecimal, formatMoney } from "@/components/customers/format";

export type KpiUnit = "cents" | "ratio" | "count";

export function formatKpi(locale: Locale, unit: KpiUnit, value: number | null, empty: string): string {
  if (value === null) return empty;
  if (unit === "cents") return formatMoney(locale, value);
  if (unit === "ratio") return formatPercent(locale, value);
  return Number.isInteger(value) ? formatNumber(locale, value) : formatDecimal(locale, value, 1);
}

export function formatChange(locale: Locale, change: number): string {
  const sign = change > 0 ? "+" : "";
  return `${sign}${formatPercent(locale, change)}`;
}

/**
 * The change against the comparison period. Rates compare in percentage points: a conversion going
 * from 7% to 46% is "+39 pp", which a relative "+546%" hides (and a 0% period has no relative change).
 */
export function kpiChange(card: { unit: KpiUnit; value: number | null; previous: number | null; change: number | null }): { delta: number; inPoints: boolean } | null {
  if (card.unit !== "ratio") return card.change === null ? null : { delta: card.change, inPoints: false };
  if (card.value === null || card.previous === null) return null;
  return { delta: card.value - card.previous, inPoints: true };
}

export function formatKpiChange(locale: Locale, change: { delta: number; inPoints: boolean }, points: (value: string) => string): string {
  if (!change.inPoints) return formatChange(locale, change.delta);
  return points(`${change.delta > 0 ? "+" : ""}${formatNumber(locale, Math.round(change.delta * 1000) / 10)}`);
}
