import type { Db } from "../../server/db/client";
import { customers, events, products } from "../../server/db/schema";
import type { EVENT_TYPES } from "../../server/db/schema/enums";

/**
 * Five customers and a hand-checked event history around March 2026. The expected values in
 * kpi-values.test.ts are worked out by hand from this list (see the comments there).
 *   c1 ads     signup 03-01: views/clicks/buys course A with a coupon 03-02, progresses, completes 03-05
 *   c2 organic signup 03-02: enrols in free F, progresses, buys B 03-04, refunds B 03-07
 *   c3 ads     signup 02-10: trial subscription 02-20, paid renewal 02-27, then silent (churns)
 *   c4 organic signup 02-25: session 02-25; views A, renews S 03-08; cancels 03-09
 *   c5 ads     signup 03-06: one session
 */
export const A = 1;
export const F = 2;
export const S = 3;
export const B = 4;

type Row = [customer: number, type: (typeof EVENT_TYPES)[number], day: string, product?: number, amount?: number, extra?: Record<string, unknown>];

export const FIXTURE_EVENTS: Row[] = [
  [1, "signup", "2026-03-01"],
  [1, "view", "2026-03-01", A],
  [1, "click", "2026-03-01", A],
  [1, "purchase", "2026-03-02", A, 10000, { coupon: "SPRING", discount_cents: 2000 }],
  [1, "enrol", "2026-03-02", A, 0],
  [1, "progress", "2026-03-03", A],
  [1, "complete", "2026-03-05", A],
  [2, "signup", "2026-03-02"],
  [2, "enrol", "2026-03-02", F, 0],
  [2, "progress", "2026-03-03", F],
  [2, "view", "2026-03-04", B],
  [2, "click", "2026-03-04", B],
  [2, "purchase", "2026-03-04", B, 8000],
  [2, "refund", "2026-03-07", B, 8000],
  [3, "signup", "2026-02-10"],
  [3, "session", "2026-02-20"],
  [3, "subscribe", "2026-02-20", S, 0],
  [3, "renew", "2026-02-27", S, 3000],
  [4, "signup", "2026-02-25"],
  [4, "session", "2026-02-25"],
  [4, "view", "2026-03-08", A],
  [4, "click", "2026-03-08", A],
  [4, "renew", "2026-03-08", S, 3000],
  [4, "cancel", "2026-03-09", S],
  [5, "signup", "2026-03-06"],
  [5, "session", "2026-03-06"],
];

export async function insertKpiFixture(db: Db): Promise<void> {
  await db.insert(products).values([
    { id: A, externalId: "A", kind: "course", titleZh: "数据分析", titleEn: "Data analysis", category: "data", priceCents: 12000 },
    { id: F, externalId: "F", kind: "course", titleZh: "免费入门", titleEn: "Free intro", category: "data", priceCents: 0, isFree: true },
    { id: S, externalId: "S", kind: "subscription", titleZh: "会员", titleEn: "Membership", category: "data", priceCents: 3000 },
    { id: B, externalId: "B", kind: "course", titleZh: "设计基础", titleEn: "Design basics", category: "design", priceCents: 8000 },
  ]);
  const signup = (day: string) => new Date(`${day}T09:00:00Z`);
  await db.insert(customers).values([
    { id: 1, externalId: "c1", displayName: "Alice Wang", acquisitionChannel: "ads", signupAt: signup("2026-03-01") },
    { id: 2, externalId: "c2", displayName: "Bo Li", acquisitionChannel: "organic", signupAt: signup("2026-03-02") },
    { id: 3, externalId: "c3", displayName: "Chen Yu", acquisitionChannel: "ads", signupAt: signup("2026-02-10") },
    { id: 4, externalId: "c4", displayName: "Dan Xu", acquisitionChannel: "organic", signupAt: signup("2026-02-25") },
    { id: 5, externalId: "c5", displayName: "Eve Zhao", acquisitionChannel: "ads", signupAt: signup("2026-03-06") },
  ]);
  await db.insert(events).values(
    FIXTURE_EVENTS.map(([customerId, type, day, productId, amount, extra], i) => ({
      source: "fixture",
      externalEventId: `e${i}`,
      customerId,
      type,
      productId: productId ?? null,
      occurredAt: new Date(`${day}T12:00:00Z`),
      amountCents: amount ?? null,
      progress: type === "progress" ? 0.5 : type === "complete" ? 1 : null,
      extra: extra ?? {},
    })),
  );
}
