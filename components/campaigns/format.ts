import type { Locale } from "@/lib/i18n";

/** Percentage with sign-aware precision for rates and lifts (0.0432 → "4.32%"). */
export function pct(locale: Locale, value: number, digits = 2): string {
  return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Percentage with an explicit sign for relative lifts (0.454 → "+45.4%"). */
export function signedPct(locale: Locale, value: number, digits = 1): string {
  return `${value > 0 ? "+" : ""}${pct(locale, value, digits)}`;
}

/** Percentage points with an explicit sign (0.012 → "+1.20 pp"). */
export function pp(value: number): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${Math.abs(value * 100).toFixed(2)} pp`;
}

export function interval(lower: number, upper: number, as: (x: number) => string): string {
  return `[${as(lower)}, ${as(upper)}]`;
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined) return "—";
  if (p < 0.0001) return "< 0.0001";
  return p.toFixed(4);
}

/** CN¥ with two decimals: every amount a person reads on the campaign screens is money in yuan. */
export function money(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US", { style: "currency", currency: "CNY", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** A money difference with an explicit sign (+CN¥1.20, −CN¥0.35). */
export function signedMoney(locale: Locale, value: number): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${money(locale, Math.abs(value))}`;
}

export function count(locale: Locale, value: number): string {
  return new Intl.NumberFormat(locale === "zh" ? "zh-CN" : "en-US").format(Math.round(value));
}
