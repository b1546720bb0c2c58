import { z } from "zod";
import { EVENT_TYPES, PRODUCT_KINDS } from "../db";

/**
 * One item of each ingestible kind, as it arrives from the API, a CSV row or an importer: external
 * ids, decimal currency, ISO timestamps. Parsing yields the shape the writers store (cents, Date).
 */

export const MAX_AMOUNT = 1_000_000;
export const MAX_REVIEW_CHARS = 10_000;
export const MAX_ID_CHARS = 200;
export const MAX_DURATION_SECONDS = 86_400;
/** Timestamps before this are refused: no knowledge-payment platform logged events in the 1990s. */
export const EARLIEST_TIMESTAMP = new Date("2000-01-01T00:00:00Z");
/**
 * Deepest nesting accepted in free-form JSON (customer and product `attributes`, event `extra`):
 * the object itself is level 1, each object or array inside it one more. Real attributes are a
 * few levels deep; thousands of levels overflow the stack of JSON.stringify and of Postgres.
 */
export const MAX_JSON_DEPTH = 10;
/** Clock skew allowance: anything further in the future than this is a bad clock or a bad parser. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

// Postgres text cannot hold NUL, and jsonb refuses lone UTF-16 surrogates; refuse both up front
// so a bad item gets a field-level message instead of a failed transaction.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function storableText(max: number, what = "text") {
  return z
    .string()
    // abort: a 10 MB string stops here instead of also being scanned character by character.
    .max(max, { error: `must be at most ${max.toLocaleString("en")} characters`, abort: true })
    .refine((value) => !UNSTORABLE.test(value), { error: `${what} contains a NUL character or invalid Unicode` });
}

const externalId = storableText(MAX_ID_CHARS, "id")
  .trim()
  .min(1, { error: "must not be empty" });

/** ISO 8601 date-time that states its zone (Z, ±hh, ±hhmm or ±hh:mm); a space may stand for the T. */
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;

export function parseZonedTimestamp(value: string): Date | null {
  const match = ISO_WITH_ZONE.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = "0", frac = "0", zone = "Z"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  let offsetMinutes = 0;
  if (zone !== "Z" && zone !== "z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || "0");
    if (oh > 14 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const millis = Math.floor(Number(`0.${frac}`) * 1000);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return new Date(utc);
}

/** A timestamp with its zone, between 2000-01-01 and one day from now. */
export const zonedTimestamp = z.string().transform((value, ctx) => {
  const parsed = parseZonedTimestamp(value);
  if (!parsed) {
    ctx.addIssue({ code: "custom", message: "must be an ISO 8601 date-time with a zone, e.g. 2025-03-01T08:30:00+08:00" });
    return z.NEVER;
  }
  if (parsed < EARLIEST_TIMESTAMP) {
    ctx.addIssue({ code: "custom", message: `${value} is before 2000-01-01` });
    return z.NEVER;
  }
  if (parsed.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    ctx.addIssue({ code: "custom", message: `${value} is more than one day in the future` });
    return z.NEVER;
  }
  return parsed;
});

/** Decimal currency units (e.g. 49.90) to integer cents, refusing negatives, fractions of a cent and absurd sums. */
export const currencyToCents = z
  .number()
  .refine(Number.isFinite, { error: "must be a finite number" })
  .refine((value) => value >= 0, { error: "must not be negative" })
  .refine((value) => value <= MAX_AMOUNT, { error: `must be at most ${MAX_AMOUNT.toLocaleString("en")}.00` })
  .refine((value) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6, { error: "must have at most 2 decimal places" })
  .transform((value) => Math.round(value * 100));

/** True when every string (keys included) anywhere in `value` can be stored by Postgres. */
function storableDeep(value: unknown): boolean {
  // Iterative: a deeply nested object must not overflow the stack.
  const pending: unknown[] = [value];
  while (pending.length) {
    const current = pending.pop();
    if (typeof current === "string") {
      if (UNSTORABLE.test(current)) return false;
    } else if (Array.isArray(current)) {
      for (const inner of current) pending.push(inner);
    } else if (current !== null && typeof current === "object") {
      for (const [key, inner] of Object.entries(current)) {
        if (UNSTORABLE.test(key)) return false;
        pending.push(inner);
      }
    }
  }
  return true;
}

/** True when `value` nests objects and arrays at most `max` levels deep (iterative; stops at the first too deep). */
export function withinDepth(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length) {
    const [current, depth] = pending.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    if (depth > max) return false;
    for (const inner of Array.isArray(current) ? current : Object.values(current)) {
      if (inner !== null && typeof inner === "object") pending.push([inner, depth + 1]);
    }
  }
  return true;
}

/**
 * A plain JSON object (not an array, not null) of free-form extra data, at most MAX_JSON_DEPTH
 * levels deep (checked first and aborting, so a 5,000-level object is refused before anything
 * else walks it), whose strings Postgres can store.
 */
const jsonObject = z
  .record(z.string(), z.unknown())
  .refine((value) => withinDepth(value), { error: `must be nested at most ${MAX_JSON_DEPTH} levels deep`, abort: true })
  .refine(storableDeep, { error: "contains a NUL character or invalid Unicode" });

const optionalText = (max: number) => storableText(max).trim().nullish();

export const ZEventItem = z.strictObject({
  event_id: externalId,
  customer_id: externalId,
  type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(", ")}` }),
  product_id: externalId.nullish(),
  occurred_at: zonedTimestamp,
  amount: currencyToCents.nullish(),
  duration_seconds: z
    .int({ error: "must be a whole number of seconds" })
    .min(0, { error: "must not be negative" })
    .max(MAX_DURATION_SECONDS, { error: `must be at most ${MAX_DURATION_SECONDS} (one day)` })
    .nullish(),
  progress: z.number().min(0, { error: "must be between 0 and 1" }).max(1, { error: "must be between 0 and 1" }).nullish(),
  rating: z.int({ error: "must be a whole number from 1 to 5" }).min(1, { error: "must be from 1 to 5" }).max(5, { error: "must be from 1 to 5" }).nullish(),
  review_text: storableText(MAX_REVIEW_CHARS).nullish(),
  extra: jsonObject.nullish(),
});

export const ZCustomerItem = z.strictObject({
  customer_id: externalId,
  display_name: optionalText(200),
  email: z.email({ error: "must be an email address" }).max(320).nullish(),
  phone: storableText(40)
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{3,}$/, { error: "must be a phone number (digits, spaces, +, -, parentheses)" })
    .nullish(),
  signup_at: zonedTimestamp.nullish(),
  acquisition_channel: optionalText(100),
  region: optionalText(100),
  city_tier: z.int({ error: "must be a whole number from 1 to 4" }).min(1, { error: "must be from 1 to 4" }).max(4, { error: "must be from 1 to 4" }).nullish(),
  age_band: optionalText(40),
  device: optionalText(100),
  marketing_consent: z.boolean().nullish(),
  attributes: jsonObject.nullish(),
});

export const ZProductItem = z
  .strictObject({
    product_id: externalId,
    kind: z.enum(PRODUCT_KINDS, { error: `must be one of ${PRODUCT_KINDS.join(", ")}` }),
    title_zh: storableText(500).trim().min(1, { error: "must not be empty" }),
    title_en: storableText(500).trim().min(1, { error: "must not be empty" }),
    category: storableText(100).trim().min(1, { error: "must not be empty" }),
    price: currencyToCents,
    // Absent means "free when the price is zero".
    is_free: z.boolean().nullish(),
    attributes: jsonObject.nullish(),
  });

export type EventItemInput = z.input<typeof ZEventItem>;
export type CustomerItemInput = z.input<typeof ZCustomerItem>;
export type ProductItemInput = z.input<typeof ZProductItem>;
export type ParsedEventItem = z.output<typeof ZEventItem>;
export type ParsedCustomerItem = z.output<typeof ZCustomerItem>;
export type ParsedProductItem = z.output<typeof ZProductItem>;
