/**
 * Rule fields stored in cents (as the features are) but typed and read by people in CN¥: the
 * builder and the rule summary convert at the edge, so a marketer typing 300 means CN¥300.
 */
export const MONEY_FIELDS: ReadonlySet<string> = new Set(["monetary_cents", "avg_order_cents"]);

export function isMoneyField(field: string): boolean {
  return MONEY_FIELDS.has(field);
}

/** Cents → yuan for display; non-numbers pass through. */
export function centsToYuan<T>(value: T): T | number {
  return typeof value === "number" && Number.isFinite(value) ? value / 100 : value;
}

/** Yuan typed by a person → the cents the rule stores (rounded to a whole cent). */
export function yuanToCents<T>(value: T): T | number {
  return typeof value === "number" && Number.isFinite(value) ? Math.round(value * 100) : value;
}
