import type { Dictionary, Locale } from "./index";
import { categoryNames } from "./categories";

/** The catalogue's categories carry zh/en names; a category only an import knows shows as written. */
export function categoryLabel(locale: Locale, category: string | null): string {
  if (category === null) return "—";
  return categoryNames(category)?.[locale] ?? category;
}

export function productKindLabel(t: Dictionary, kind: string): string {
  return t.common.productKinds[kind] ?? kind;
}
