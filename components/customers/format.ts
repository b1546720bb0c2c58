import { languageTag, type Locale } from "@/lib/i18n";

/** Amounts are stored in cents of CNY, the demo platform's currency. */
export function formatMoney(locale: Locale, cents: number): string {
  return new Intl.NumberFormat(languageTag(locale), { style: "currency", currency: "CNY", maximumFractionDigits: 0 }).format(cents / 100);
}

export function formatDecimal(locale: Locale, value: number, digits = 1): string {
  return new Intl.NumberFormat(languageTag(locale), { maximumFractionDigits: digits }).format(value);
}
