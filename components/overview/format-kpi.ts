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
