import type { Db } from "../../server/db/client";
import { customers, events, products } from "../../server/db/schema";
import type { EVENT_TYPES } from "../../server/db/schema/enums";

type EventType = (typeof EVENT_TYPES)[number];

/** The latest event in the fixture: the refresh's "as of" time. */
export const AS_OF = new Date("2025-06-30T12:00:00Z");

interface FixtureEvent {
  customer: number;
  type: EventType;
  at: string;
  product?: number;
  amount?: number;
  duration?: number;
  progress?: number;
  rating?: number;
  review?: string;
  extra?: Record<string, unknown>;
}

export const FIXTURE_EVENTS: readonly FixtureEvent[] = [
  // A (1): a learner-buyer with a coupon purchase, a refunded purchase and a stalled course.
  { customer: 1, type: "session", at: "2025-06-29T12:00:00Z", duration: 600 },
  { customer: 1, type: "session", at: "2025-06-10T12:00:00Z", duration: 1200 },
  { customer: 1, type: "session", at: "2025-04-11T12:00:00Z", duration: 3000 },
  { customer: 1, type: "session", at: "2025-01-10T12:00:00Z", duration: 60 },
  { customer: 1, type: "view", at: "2025-06-19T10:00:00Z", product: 1 },
  { customer: 1, type: "view", at: "2025-06-19T11:00:00Z", product: 1 },
  { customer: 1, type: "click", at: "2025-06-19T11:30:00Z", product: 2 },
  { customer: 1, type: "purchase", at: "2025-06-20T12:00:00Z", product: 1, amount: 8000, extra: { coupon: "X", discount_cents: 2000, list_price_cents: 10000 } },
  { customer: 1, type: "purchase", at: "2025-03-02T12:00:00Z", product: 2, amount: 20000 },
  { customer: 1, type: "refund", at: "2025-03-05T12:00:00Z", product: 2, amount: 20000 },
  { customer: 1, type: "progress", at: "2025-05-01T12:00:00Z", product: 1, progress: 0.3 },
  { customer: 1, type: "progress", at: "2025-06-25T12:00:00Z", product: 1, progress: 0.6 },
  { customer: 1, type: "progress", at: "2025-03-10T12:00:00Z", product: 2, progress: 0.2 },
  { customer: 1, type: "rate", at: "2025-06-30T12:00:00Z", product: 1, rating: 4, review: "很好，推荐" },
  // B (2): a subscriber without one-off purchases who finished a course and did not like it.
  { customer: 2, type: "subscribe", at: "2025-04-01T12:00:00Z", product: 3, amount: 3000 },
  { customer: 2, type: "renew", at: "2025-05-01T12:00:00Z", product: 3, amount: 3000 },
  { customer: 2, type: "renew", at: "2025-05-31T12:00:00Z", product: 3, amount: 3000 },
  { customer: 2, type: "session", at: "2025-06-28T00:00:00Z", duration: 300 },
  { customer: 2, type: "progress", at: "2025-06-01T12:00:00Z", product: 1, progress: 0.5 },
  { customer: 2, type: "complete", at: "2025-06-15T12:00:00Z", product: 1, progress: 1 },
  { customer: 2, type: "rate", at: "2025-06-15T13:00:00Z", product: 1, rating: 2, review: "not good" },
  // C (3) has no events. D (4) is erased. E (5): one coupon purchase at the as-of instant.
  { customer: 5, type: "purchase", at: "2025-06-30T12:00:00Z", product: 2, amount: 20000, extra: { coupon: "NEW" } },
  // F (6): ties A on recency and E on frequency.
  { customer: 6, type: "purchase", at: "2025-06-20T12:00:00Z", product: 1, amount: 10000 },
];

export async function insertFixture(db: Db): Promise<void> {
  await db.insert(products).values([
    { id: 1, externalId: "P1", kind: "course", titleZh: "数据课", titleEn: "Data course", category: "data", priceCents: 10000 },
    { id: 2, externalId: "P2", kind: "course", titleZh: "设计课", titleEn: "Design course", category: "design", priceCents: 20000 },
    { id: 3, externalId: "P3", kind: "subscription", titleZh: "数据会员", titleEn: "Data membership", category: "data", priceCents: 3000 },
  ]);
  await db.insert(customers).values([
    { id: 1, externalId: "cust-a", displayName: "Alice Wang", email: "alice@example.com", phone: "13800001111", signupAt: new Date("2025-01-01T12:00:00Z"), region: "Shanghai", acquisitionChannel: "search", cityTier: 1, ageBand: "25-34", device: "ios", marketingConsent: true },
    { id: 2, externalId: "cust-b", displayName: "Bob Li", email: "bob@example.com", phone: "13900002222", acquisitionChannel: "social", region: "Beijing", cityTier: 1, ageBand: "35-44", device: "android" },
    { id: 3, externalId: "cust-c", displayName: "Chen", signupAt: new Date("2025-06-01T12:00:00Z"), region: "Chengdu", cityTier: 2, device: "web" },
    { id: 4, externalId: "cust-d", erasedAt: new Date("2025-06-01T00:00:00Z") },
    { id: 5, externalId: "cust-e", signupAt: new Date("2025-06-30T00:00:00Z"), acquisitionChannel: "search", region: "Shanghai", cityTier: 1 },
    { id: 6, externalId: "cust-f", acquisitionChannel: "referral", region: "Shenzhen", cityTier: 1 },
  ]);
  await db.insert(events).values(
    FIXTURE_EVENTS.map((e, i) => ({
      source: "fixture",
      externalEventId: `ev-${i}`,
      customerId: e.customer,
      type: e.type,
      productId: e.product ?? null,
      occurredAt: new Date(e.at),
      amountCents: e.amount ?? null,
      durationSeconds: e.duration ?? null,
      progress: e.progress ?? null,
      rating: e.rating ?? null,
      reviewText: e.review ?? null,
      extra: e.extra ?? {},
    })),
  );
}
