import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { getDictionary, LOCALE_COOKIE, type Dictionary, type Locale } from "./index";
import { negotiateLocale } from "./negotiate";

/** The request's locale, computed once per render. */
export const getLocale = cache(async (): Promise<Locale> => {
  const [cookieStore, headerStore] = await Promise.all([cookies(), headers()]);
  return negotiateLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerStore.get("accept-language"));
});

export async function getServerDictionary(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await getLocale();
  return { locale, t: getDictionary(locale) };
}
