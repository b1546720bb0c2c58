/** Small builders for ingest items, so each test states only what it is about. */

export function customerItem(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { customer_id: id, display_name: `Customer ${id}`, email: `${id}@example.com`, signup_at: "2025-01-02T03:04:05+08:00", city_tier: 2, ...extra };
}

export function productItem(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { product_id: id, kind: "course", title_zh: `课程 ${id}`, title_en: `Course ${id}`, category: "data", price: 199.9, ...extra };
}

export function eventItem(id: string, customerId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { event_id: id, customer_id: customerId, type: "view", occurred_at: "2025-03-01T08:30:00+08:00", ...extra };
}
