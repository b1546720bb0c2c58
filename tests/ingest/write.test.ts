import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { validateItems } from "../../server/ingest/validate";
import { writeCustomers, writeEvents, writeProducts } from "../../server/ingest/write";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";
import { customerItem, eventItem, productItem } from "./fixtures";

function valid<K extends "events" | "customers" | "products">(kind: K, items: unknown[]) {
  const result = validateItems(kind, items);
  expect(result.errors).toEqual([]);
  return result.rows;
}

async function count(database: Database, table: string): Promise<number> {
  const rows = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0]?.n ?? -1;
}

describe(`ingest writers (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
  });

  it("upserts customers by external id, keeping unsent fields and reporting unchanged rows as duplicates", async () => {
    const first = await writeCustomers(database.db, valid("customers", [customerItem("c1"), customerItem("c2")]));
    expect(first).toEqual({ inserted: 2, updated: 0, duplicates: 0, errors: [] });
    const again = await writeCustomers(database.db, valid("customers", [customerItem("c1"), customerItem("c2")]));
    expect(again).toEqual({ inserted: 0, updated: 0, duplicates: 2, errors: [] });
    const changed = await writeCustomers(
      database.db,
      valid("customers", [{ customer_id: "c1", region: "Zhejiang", attributes: { vip: true } }, customerItem("c3")]),
    );
    expect(changed).toEqual({ inserted: 1, updated: 1, duplicates: 0, errors: [] });
    const rows = await database.query<Record<string, unknown>>(
      `SELECT external_id, display_name, email, region, city_tier, attributes, signup_at FROM customers ORDER BY external_id`,
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ external_id: "c1", display_name: "Customer c1", email: "c1@example.com", region: "Zhejiang", city_tier: 2, attributes: { vip: true } });
    // 03:04:05 at +08:00 is 19:04:05 UTC the day before.
    expect(new Date(rows[0]?.signup_at as string).toISOString()).toBe("2025-01-01T19:04:05.000Z");
  });

  it("never restores an erased customer's personal data", async () => {
    await writeCustomers(database.db, valid("customers", [customerItem("c1")]));
    await database.query(`UPDATE customers SET display_name = NULL, email = NULL, phone = NULL, erased_at = now()`);
    const result = await writeCustomers(database.db, valid("customers", [customerItem("c1", { phone: "+86 138 0000 0000" })]));
    // The erased id is a tombstone: skipped and reported as erased (finding 6), no longer counted as a duplicate.
    expect(result).toEqual({ inserted: 0, updated: 0, duplicates: 0, errors: [], erased: [{ index: 0, customerId: "c1" }] });
    const rows = await database.query<{ display_name: string | null; email: string | null; phone: string | null }>(
      `SELECT display_name, email, phone FROM customers`,
    );
    expect(rows).toEqual([{ display_name: null, email: null, phone: null }]);
  });

  it("upserts products and converts prices to cents", async () => {
    expect(await writeProducts(database.db, valid("products", [productItem("p1"), productItem("p2", { price: 0 })]))).toEqual({
      inserted: 2, updated: 0, duplicates: 0, errors: [],
    });
    expect(await writeProducts(database.db, valid("products", [productItem("p1", { price: 299 }), productItem("p2", { price: 0 })]))).toEqual({
      inserted: 0, updated: 1, duplicates: 1, errors: [],
    });
    const rows = await database.query<{ external_id: string; price_cents: number; is_free: boolean }>(
      `SELECT external_id, price_cents, is_free FROM products ORDER BY external_id`,
    );
    expect(rows).toEqual([
      { external_id: "p1", price_cents: 29900, is_free: false },
      { external_id: "p2", price_cents: 0, is_free: true },
    ]);
  });

  it("inserts events idempotently per source and resolves ids in bulk", async () => {
    await writeCustomers(database.db, valid("customers", [customerItem("c1"), customerItem("c2")]));
    await writeProducts(database.db, valid("products", [productItem("p1")]));
    const events = valid("events", [
      eventItem("e1", "c1", { type: "purchase", product_id: "p1", amount: 49.9 }),
      eventItem("e2", "c2", { type: "rate", product_id: "p1", rating: 4, review_text: "很好 great" }),
      eventItem("e3", "c2", { type: "progress", progress: 0.5, duration_seconds: 600, extra: { chapter: 3 } }),
    ]);
    expect(await writeEvents(database.db, "app", events)).toEqual({ inserted: 3, updated: 0, duplicates: 0, errors: [] });
    expect(await writeEvents(database.db, "app", events)).toEqual({ inserted: 0, updated: 0, duplicates: 3, errors: [] });
    // The same event id from another source is a different event.
    expect(await writeEvents(database.db, "crm", events.slice(0, 1))).toEqual({ inserted: 1, updated: 0, duplicates: 0, errors: [] });
    const rows = await database.query<Record<string, unknown>>(
      `SELECT e.external_event_id, c.external_id AS customer, p.external_id AS product, e.amount_cents::int AS amount_cents, e.rating, e.review_text, e.progress, e.extra
       FROM events e JOIN customers c ON c.id = e.customer_id LEFT JOIN products p ON p.id = e.product_id
       WHERE e.source = 'app' ORDER BY e.external_event_id`,
    );
    expect(rows).toEqual([
      { external_event_id: "e1", customer: "c1", product: "p1", amount_cents: 4990, rating: null, review_text: null, progress: null, extra: {} },
      { external_event_id: "e2", customer: "c2", product: "p1", amount_cents: null, rating: 4, review_text: "很好 great", progress: null, extra: {} },
      { external_event_id: "e3", customer: "c2", product: null, amount_cents: null, rating: null, review_text: null, progress: 0.5, extra: { chapter: 3 } },
    ]);
  });

  it("reports unknown customer and product ids by index and writes nothing", async () => {
    await writeCustomers(database.db, valid("customers", [customerItem("c1")]));
    const events = validateItems("events", [eventItem("e1", "c1"), eventItem("e2", "ghost"), eventItem("e3", "c1", { product_id: "nope" })], 100).rows;
    const result = await writeEvents(database.db, "app", events);
    expect(result.inserted).toBe(0);
    expect(result.errors).toEqual([
      { index: 101, field: "customer_id", message: 'unknown customer_id "ghost": send the customer first' },
      { index: 102, field: "product_id", message: 'unknown product_id "nope": send the product first' },
    ]);
    expect(await count(database, "events")).toBe(0);
  });

  it("writes 10,000 events in one multi-row statement", async () => {
    const customers = Array.from({ length: 500 }, (_, i) => customerItem(`c${i}`));
    await writeCustomers(database.db, valid("customers", customers));
    const events = valid(
      "events",
      Array.from({ length: 10_000 }, (_, i) => eventItem(`e${i}`, `c${i % 500}`, { type: "session", duration_seconds: i % 3600 })),
    );
    const result = await database.db.transaction((tx) => writeEvents(tx, "bulk", events));
    expect(result).toEqual({ inserted: 10_000, updated: 0, duplicates: 0, errors: [] });
    expect(await count(database, "events")).toBe(10_000);
    const sums = await database.query<{ s: number }>(`SELECT sum(duration_seconds)::int AS s FROM events`);
    // sum over i < 10000 of i mod 3600: two full cycles (2 * 3599*3600/2) plus 0..2799.
    expect(sums[0]?.s).toBe(3599 * 3600 + (2799 * 2800) / 2);
  });
});
