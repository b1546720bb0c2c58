import { en, type Dictionary } from "./en";
import { zh } from "./zh";

export type { Dictionary };

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "stratum_locale";
// A year: the choice is a preference, not a session.
export const LOCALE_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

const DICTIONARIES: Record<Locale, Dictionary> = { en, zh };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function getDictionary(locale: Locale): Dictionary {
  return DICTIONARIES[locale];
}

/** BCP 47 tag for Intl formatters and `<html lang>`. */
export function languageTag(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en";
}
