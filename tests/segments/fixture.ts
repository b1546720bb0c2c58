import type { Db } from "../../server/db/client";
import { customerFeatures, customerScores, customers, events, modelRuns, products } from "../../server/db/schema";
import type { EVENT_TYPES } from "../../server/db/schema/enums";

/** The features' as-of time, so "the last D days" counts back from here. */
export const AS_OF = new Date("2025-06-30T12:00:00Z");

export const HOSTILE_REGION = "' OR 1=1 --";
export const HOSTILE_CHANNEL = "50%_off\\";
export const HOSTILE_AGE = "中文🙂";
export const HOSTILE_STATUS = `O'Reilly \\ "x"`;

/** Customers 1-8; 5 is erased (it matches everything it can, and must never be counted). */
export async function insertSegmentFixture(db: Db): Promise<void> {
  await db.insert(products).values([
    { id: 1, externalId: "P1", kind: "course", titleZh: "数据课", titleEn: "Data course", category: "data", priceCents: 10000 },
    { id: 2, externalId: "P2", kind: "course", titleZh: "设计课", titleEn: "Design course", category: "design", priceCents: 20000 },
    { id: 3, externalId: "P3", kind: "ebook", titleZh: "数据书", titleEn: "Data book", category: "data", priceCents: 5000 },
  ]);
  const at = (s: string) => new Date(s);
  await db.insert(customers).values([
    { id: 1, externalId: "c1", acquisitionChannel: "search", region: "Shanghai", cityTier: 1, ageBand: "25-34", device: "ios", marketingConsent: true, signupAt: at("2025-01-10T00:00:00Z") },
    { id: 2, externalId: "c2", acquisitionChannel: "social", region: "Beijing", cityTier: 1, ageBand: "35-44", device: "android", marketingConsent: false, signupAt: at("2025-03-01T00:00:00Z") },
    { id: 3, externalId: "c3", acquisitionChannel: "referral", region: "Chengdu", cityTier: 2, ageBand: "18-24", device: "web", marketingConsent: true, signupAt: at("2025-05-20T00:00:00Z") },
    { id: 4, externalId: "c4", acquisitionChannel: "search", region: null, cityTier: 3, ageBand: null, device: "ios", marketingConsent: false, signupAt: null },
    { id: 5, externalId: "c5", acquisitionChannel: "search", region: "Shanghai", cityTier: 1, ageBand: "25-34", device: "ios", marketingConsent: true, signupAt: at("2025-06-01T00:00:00Z"), erasedAt: at("2025-06-02T00:00:00Z") },
    { id: 6, externalId: "c6", acquisitionChannel: HOSTILE_CHANNEL, region: HOSTILE_REGION, cityTier: 3, ageBand: HOSTILE_AGE, device: "web", marketingConsent: false, signupAt: at("2025-06-15T00:00:00Z") },
    { id: 7, externalId: "c7", acquisitionChannel: "_", region: "%", cityTier: null, ageBand: "25-34", device: "android", marketingConsent: true, signupAt: at("2025-06-29T00:00:00Z") },
    { id: 8, externalId: "c8", acquisitionChannel: "search", region: "Shanghai", cityTier: 1, ageBand: "45-54", device: "android", marketingConsent: false, signupAt: at("2024-12-01T00:00:00Z") },
  ]);
  const f = (customerId: number, v: Partial<typeof customerFeatures.$inferInsert>) => ({ customerId, asOf: AS_OF, ...v });
  await db.insert(customerFeatures).values([
    f(1, { recencyDays: 10, frequency: 2, monetaryCents: 30000, rScore: 4, fScore: 4, mScore: 5, sessions30d: 3, discountShare: 0.5 }),
    f(2, { recencyDays: 121, frequency: 1, monetaryCents: 5000, rScore: 1, fScore: 2, mScore: 1, sessions30d: 1, subscriptionStatus: "active" }),
    f(3, { frequency: 0, monetaryCents: 0 }),
    f(5, { recencyDays: 1, frequency: 1, monetaryCents: 10000, rScore: 5, fScore: 2, mScore: 3, sessions30d: 1, discountShare: 0 }),
    f(6, { recencyDays: 1, frequency: 1, monetaryCents: 20000, rScore: 5, fScore: 2, mScore: 4, sessions30d: 1, subscriptionStatus: HOSTILE_STATUS, discountShare: 0 }),
    f(8, { recencyDays: 197, frequency: 1, monetaryCents: 10000, rScore: 1, fScore: 2, mScore: 3, sessions30d: 2, subscriptionStatus: "cancelled", discountShare: 0 }),
  ]);
  type EventType = (typeof EVENT_TYPES)[number];
  const ev: Array<[number, EventType, string, number | null]> = [
    [1, "purchase", "2025-06-20T12:00:00Z", 1],
    [1, "purchase", "2025-05-01T12:00:00Z", 2],
    [1, "session", "2025-06-29T12:00:00Z", null],
    [1, "session", "2025-06-25T12:00:00Z", null],
    [1, "session", "2025-06-01T12:00:00Z", null],
    [2, "purchase", "2025-03-01T12:00:00Z", 3],
    [2, "session", "2025-06-28T12:00:00Z", null],
    [3, "session", "2025-04-01T12:00:00Z", null],
    [3, "view", "2025-06-29T12:00:00Z", 1],
    [5, "purchase", "2025-06-29T12:00:00Z", 1],
    [5, "session", "2025-06-29T12:00:00Z", null],
    [6, "purchase", "2025-06-29T12:00:00Z", 2],
    [6, "session", "2025-06-10T12:00:00Z", null],
    [8, "session", "2025-06-30T11:00:00Z", null],
    [8, "session", "2025-06-30T10:00:00Z", null],
    [8, "purchase", "2024-12-15T12:00:00Z", 1],
  ];
  await db.insert(events).values(
    ev.map(([customerId, type, occurred, productId], i) => ({
      source: "fixture",
      externalEventId: `e${i}`,
      customerId,
      type,
      productId,
      occurredAt: new Date(occurred),
      amountCents: type === "purchase" ? 10000 : null,
    })),
  );
  const [churnActive, churnOld, clusters] = await db
    .insert(modelRuns)
    .values([
      { task: "churn", algorithm: "logistic", version: 2, status: "succeeded", isActive: true },
      { task: "churn", algorithm: "logistic", version: 1, status: "succeeded", isActive: false },
      { task: "clusters", algorithm: "kmeans", version: 1, status: "succeeded", isActive: true },
    ])
    .returning({ id: modelRuns.id });
  if (!churnActive || !churnOld || !clusters) throw new Error("model runs not inserted");
  await db.insert(customerScores).values([
    { modelRunId: churnActive.id, customerId: 1, score: 0.9 },
    { modelRunId: churnActive.id, customerId: 2, score: 0.2 },
    { modelRunId: churnActive.id, customerId: 6, score: 0.5 },
    { modelRunId: churnActive.id, customerId: 5, score: 0.95 },
    { modelRunId: churnOld.id, customerId: 2, score: 0.99 },
    { modelRunId: clusters.id, customerId: 1, cluster: 0 },
    { modelRunId: clusters.id, customerId: 2, cluster: 1 },
    { modelRunId: clusters.id, customerId: 3, cluster: 1 },
    { modelRunId: clusters.id, customerId: 8, cluster: 2 },
    { modelRunId: clusters.id, customerId: 5, cluster: 1 },
  ]);
}
