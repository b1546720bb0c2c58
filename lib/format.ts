import { languageTag, type Locale } from "./i18n";

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(languageTag(locale)).format(value);
}

export function formatPercent(locale: Locale, ratio: number): string {
  return new Intl.NumberFormat(languageTag(locale), { style: "percent", maximumFractionDigits: 1 }).format(ratio);
}

// Dates are shown in UTC: the daily series is bucketed by UTC day on the server, and a fixed
// zone keeps server and client renders identical.
export function formatDate(locale: Locale, value: Date | string): string {
  return new Intl.DateTimeFormat(languageTag(locale), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date): string {
  return new Intl.DateTimeFormat(languageTag(locale), { dateStyle: "medium", timeStyle: "short" }).format(value);
}

/** "2024-03-05" -> "Mar 5" / "3月5日", for chart axes. */
export function formatDayShort(locale: Locale, isoDay: string): string {
  return new Intl.DateTimeFormat(languageTag(locale), { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDay}T00:00:00Z`),
  );
}
