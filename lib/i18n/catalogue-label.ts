import type { Dictionary, Locale } from "./index";
import { CATEGORIES } from "@/server/demo";

const CATEGORY_NAMES = new Map(CATEGORIES.map((c) => [c.key, c] as const));

/** The catalogue's categories carry zh/en names; a category only an import knows shows as written. */
export function categoryLabel(locale: Locale, category: string | null): string {
  if (category === null) return "—";
  return CATEGORY_NAMES.get(category)?.[locale] ?? category;
}

export function productKindLabel(t: Dictionary, kind: string): string {
  return t.common.productKinds[kind] ?? kind;
}
