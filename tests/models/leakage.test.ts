import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { customers, events, products } from "../../server/db/schema";
import { refreshFeatures } from "../../server/features/refresh";
import { assembleClassifier } from "../../server/models/dataset";
import { churnLabels, propensityLabels } from "../../server/models/labels.repo";
import { ZClassifierParams } from "../../lib/shared/models.schemas";
import { currentFeatures, featuresAsOf } from "../../server/models/snapshot.repo";
import { engineUnderTest, openTestDatabase } from "../support/db";

const DAY = 86_400_000;
const END = new Date("2025-06-30T00:00:00Z");
const CUTOFF = new Date(END.getTime() - 30 * DAY);
const before = (days: number) => new Date(CUTOFF.getTime() - days * DAY);
const after = (days: number) => new Date(CUTOFF.getTime() + days * DAY);

/**
 * A world whose future differs from its past: customer 1 was a quiet non-buyer before the cutoff
 * and a big spender after it; customer 2 was a heavy buyer before and vanishes after it;
 * customer 3 has been silent for a year (not "active before", so no churn label).
 */
async function insertWorld(db: Database["db"]) {
  await db.insert(products).values([{ id: 1, externalId: "P1", kind: "course", titleZh: "课", titleEn: "Course", category: "data", priceCents: 10000 }]);
  await db.insert(customers).values([
    { id: 1, externalId: "c1", displayName: "One", signupAt: before(200) },
    { id: 2, externalId: "c2", displayName: "Two", signupAt: before(200) },
    { id: 3, externalId: "c3", displayName: "Three", signupAt: before(400) },
  ]);
  let seq = 0;
  const e = (customerId: number, type: "session" | "purchase", at: Date, amountCents?: number) => ({
    source: "fixture",
    externalEventId: `ev-${seq++}`,
    customerId,
    type,
    occurredAt: at,
    productId: type === "purchase" ? 1 : null,
    amountCents: amountCents ?? null,
    durationSeconds: type === "session" ? 600 : null,
  });
  await db.insert(events).values([
    e(1, "session", before(10)),
    e(1, "purchase", after(5), 50_000),
    e(1, "purchase", after(12), 70_000),
    e(1, "session", after(29)),
    e(2, "purchase", before(40), 10_000),
    e(2, "purchase", before(20), 10_000),
    e(2, "purchase", before(3), 10_000),
    e(2, "session", before(1)),
    e(3, "session", before(300)),
    // The latest event fixes "the end of the data" the cutoff is measured from.
    e(1, "session", END),
  ]);
}

describe(`point-in-time training data has no leakage (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await insertWorld(database.db);
    await refreshFeatures(database.db);
  });
  afterAll(async () => database?.close());

  it("features as of the cutoff see only the past", async () => {
    const rows = await featuresAsOf(database.db, CUTOFF);
    const one = rows.find((r) => r.customer_id === 1)!;
    const two = rows.find((r) => r.customer_id === 2)!;
    expect(Number(one.frequency)).toBe(0);
    expect(Number(one.monetary_cents)).toBe(0);
    expect(one.recency_days).toBeNull();
    expect(Number(two.frequency)).toBe(3);
    expect(Number(two.recency_days)).toBeCloseTo(3, 5);
  });

  it("leaves the live customer_features untouched", async () => {
    await featuresAsOf(database.db, CUTOFF);
    const live = await currentFeatures(database.db);
    const one = live.find((r) => r.customer_id === 1)!;
    expect(Number(one.frequency)).toBe(2);
    expect(Number(one.monetary_cents)).toBe(120_000);
  });

  it("labels come only from the window after the cutoff", async () => {
    const churn = await churnLabels(database.db, CUTOFF, 30);
    expect(churn).toEqual([
      { customerId: 1, label: 0 },
      { customerId: 2, label: 1 },
    ]);
    const propensity = await propensityLabels(database.db, CUTOFF, 30);
    expect(propensity.find((l) => l.customerId === 1)?.label).toBe(1);
    expect(propensity.find((l) => l.customerId === 2)?.label).toBe(0);
  });

  it("the assembled set pairs past features with future labels", async () => {
    const params = ZClassifierParams.parse({ labelWindowDays: 30 });
    const data = await assembleClassifier(database.db, "propensity", params, async () => undefined);
    expect(data.trainingCutoff?.toISOString()).toBe(CUTOFF.toISOString());
    if (data.input.task !== "propensity") throw new Error("wrong task");
    const { latest, features } = data.input;
    const freq = features.indexOf("log_frequency");
    // Customer 1 (row 0): bought after the cutoff (label 1) but had no purchase before it.
    expect(latest.y[0]).toBe(1);
    expect(latest.X[0 * features.length + freq]).toBe(0);
    expect(latest.y[1]).toBe(0);
    expect(latest.X[1 * features.length + freq]).toBeCloseTo(Math.log1p(3), 10);
  });
});
