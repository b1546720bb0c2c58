import type { z } from "zod";
import { ZCustomerItem, ZEventItem, ZProductItem } from "./schemas";
import type { CustomerRow, EventRow, IngestError, IngestKind, ProductRow } from "./types";

export type { CustomerRow, EventRow, IngestError, IngestKind, ProductRow, ValidRow } from "./types";

interface RowsByKind {
  events: EventRow;
  customers: CustomerRow;
  products: ProductRow;
}

const ID_FIELD: Record<IngestKind, "event_id" | "customer_id" | "product_id"> = {
  events: "event_id",
  customers: "customer_id",
  products: "product_id",
};

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function valueAt(item: unknown, path: readonly PropertyKey[]): unknown {
  let current = item;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** One zod issue as one or more `{ field, message }` pairs a person can act on. */
function issueToErrors(index: number, item: unknown, issue: z.core.$ZodIssue): IngestError[] {
  const field = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ index, field: field ? `${field}.${key}` : key, message: "is not a known field" }));
  }
  const value = valueAt(item, issue.path);
  if (value === undefined && issue.path.length > 0 && (issue.code === "invalid_type" || issue.code === "invalid_value")) {
    return [{ index, field, message: "is required" }];
  }
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) {
    return [{ index, field, message: `must be ${issue.expected === "record" ? "a JSON object" : `a ${issue.expected}`} (got ${describe(value)})` }];
  }
  return [{ index, field, message: issue.message }];
}

function toRow(kind: IngestKind, index: number, data: unknown): EventRow | CustomerRow | ProductRow {
  if (kind === "events") {
    const item = data as z.output<typeof ZEventItem>;
    return {
      index,
      eventId: item.event_id,
      customerId: item.customer_id,
      type: item.type,
      productId: item.product_id ?? null,
      occurredAt: item.occurred_at,
      amountCents: item.amount ?? null,
      durationSeconds: item.duration_seconds ?? null,
      progress: item.progress ?? null,
      rating: item.rating ?? null,
      reviewText: item.review_text ?? null,
      extra: item.extra ?? {},
    };
  }
  if (kind === "customers") {
    const item = data as z.output<typeof ZCustomerItem>;
    return {
      index,
      customerId: item.customer_id,
      displayName: item.display_name ?? null,
      email: item.email ? item.email.toLowerCase() : null,
      phone: item.phone ?? null,
      signupAt: item.signup_at ?? null,
      acquisitionChannel: item.acquisition_channel ?? null,
      region: item.region ?? null,
      cityTier: item.city_tier ?? null,
      ageBand: item.age_band ?? null,
      device: item.device ?? null,
      marketingConsent: item.marketing_consent ?? null,
      attributes: item.attributes ?? null,
    };
  }
  const item = data as z.output<typeof ZProductItem>;
  return {
    index,
    productId: item.product_id,
    kind: item.kind,
    titleZh: item.title_zh,
    titleEn: item.title_en,
    category: item.category,
    priceCents: item.price,
    isFree: item.is_free ?? item.price === 0,
    attributes: item.attributes ?? null,
  };
}

const SCHEMAS = { events: ZEventItem, customers: ZCustomerItem, products: ZProductItem } as const;

/**
 * Validates a batch and reports every bad item and field at once (index = offset + position), plus
 * ids repeated within the batch, so a sender can fix everything in one round trip.
 */
export function validateItems<K extends IngestKind>(
  kind: K,
  items: readonly unknown[],
  offset = 0,
): { rows: RowsByKind[K][]; errors: IngestError[] } {
  const schema = SCHEMAS[kind];
  const idField = ID_FIELD[kind];
  const rows: RowsByKind[K][] = [];
  const errors: IngestError[] = [];
  const firstSeen = new Map<string, number>();
  items.forEach((item, position) => {
    const index = offset + position;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      errors.push({ index, field: "(item)", message: `must be a JSON object (got ${describe(item)})` });
      return;
    }
    const result = schema.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) errors.push(...issueToErrors(index, item, issue));
    }
    // Duplicates are checked even on otherwise-bad items so one pass reports both problems.
    const rawId = (item as Record<string, unknown>)[idField];
    if (typeof rawId === "string" && rawId.trim() !== "") {
      const id = rawId.trim();
      const earlier = firstSeen.get(id);
      if (earlier === undefined) firstSeen.set(id, index);
      else errors.push({ index, field: idField, message: `duplicate ${idField} "${id}" (first at index ${earlier})` });
    }
    if (result.success) rows.push(toRow(kind, index, result.data) as RowsByKind[K]);
  });
  return { rows, errors };
}
