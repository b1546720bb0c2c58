import type { EVENT_TYPES, PRODUCT_KINDS } from "../db";

export type IngestKind = "events" | "customers" | "products";

/** A problem with one item: `index` is the item's position in the whole upload (offset included). */
export interface IngestError {
  index: number;
  field: string;
  message: string;
}

/** A validated event, still keyed by external customer/product ids (the writer resolves them). */
export interface EventRow {
  index: number;
  eventId: string;
  customerId: string;
  type: (typeof EVENT_TYPES)[number];
  productId: string | null;
  occurredAt: Date;
  amountCents: number | null;
  durationSeconds: number | null;
  progress: number | null;
  rating: number | null;
  reviewText: string | null;
  extra: Record<string, unknown>;
}

/** A validated customer; null fields mean "not sent", so an upsert keeps what is stored. */
export interface CustomerRow {
  index: number;
  customerId: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  signupAt: Date | null;
  acquisitionChannel: string | null;
  region: string | null;
  cityTier: number | null;
  ageBand: string | null;
  device: string | null;
  marketingConsent: boolean | null;
  attributes: Record<string, unknown> | null;
}

export interface ProductRow {
  index: number;
  productId: string;
  kind: (typeof PRODUCT_KINDS)[number];
  titleZh: string;
  titleEn: string;
  category: string;
  priceCents: number;
  isFree: boolean;
  /** Merged into the stored attributes; null leaves them as they are. */
  attributes: Record<string, unknown> | null;
}

export type ValidRow = EventRow | CustomerRow | ProductRow;

/**
 * An item skipped because its customer was erased: the external id is a tombstone, so nothing
 * about that person (customer fields, attributes, consent, events) is collected again.
 */
export interface ErasedItem {
  index: number;
  customerId: string;
}

/**
 * What a writer did with a batch. `duplicates` are items already stored unchanged; `erased` (only
 * present when there are some) lists the items skipped because their customer was erased.
 */
export interface WriteResult {
  inserted: number;
  updated: number;
  duplicates: number;
  errors: IngestError[];
  erased?: ErasedItem[];
}
