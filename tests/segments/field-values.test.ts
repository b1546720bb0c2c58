import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { knownFieldValues } from "../../server/segments/field-values.repo";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";

describe(`known values of a text field (${engineUnderTest})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    // Regions: Shanghai ×5, Shenzhen ×3, Beijing ×3, shantou ×1, plus an erased customer in
    // "Secret" and customers with no region or an empty one.
    const regions = ["Shanghai", "Shanghai", "Shanghai", "Shanghai", "Shanghai", "Shenzhen", "Shenzhen", "Shenzhen", "Beijing", "Beijing", "Beijing", "shantou", null, ""];
    for (const [i, region] of regions.entries()) {
      await database.query(`INSERT INTO customers (id, external_id, region, device) VALUES ($1, $2, $3, $4)`, [i + 1, `c-${i + 1}`, region, i % 2 === 0 ? "ios" : "android"]);
    }
    await database.query(`INSERT INTO customers (id, external_id, region, erased_at) VALUES (100, 'c-erased', 'Secret', now())`);
    await database.query(
      `INSERT INTO customer_features (customer_id, as_of, subscription_status)
       SELECT id, now(), CASE WHEN id <= 4 THEN 'active' WHEN id <= 6 THEN 'cancelled' ELSE NULL END FROM customers WHERE id <= 12 OR id = 100`,
    );
    await database.query(`UPDATE customer_features SET subscription_status = 'erased-only' WHERE customer_id = 100`);
    await database.query(
      `INSERT INTO products (external_id, kind, title_zh, title_en, category, price_cents)
       SELECT 'p-' || g, 'course', 't', 't', CASE WHEN g <= 3 THEN 'design' WHEN g <= 4 THEN 'data' ELSE 'development' END, 100 FROM generate_series(1, 6) g`,
    );
  });
  afterAll(async () => {
    await database.close();
  });

  it("lists a customer attribute's values most frequent first, ties by value, without erased customers or blanks", async () => {
    expect(await knownFieldValues(database.db, "region", "")).toEqual([
      { value: "Shanghai", count: 5 },
      { value: "Beijing", count: 3 },
      { value: "Shenzhen", count: 3 },
      { value: "shantou", count: 1 },
    ]);
  });

  it("filters by a case-insensitive prefix, and treats LIKE wildcards as plain characters", async () => {
    expect((await knownFieldValues(database.db, "region", "sh")).map((v) => v.value)).toEqual(["Shanghai", "Shenzhen", "shantou"]);
    expect((await knownFieldValues(database.db, "region", "SHA")).map((v) => v.value)).toEqual(["Shanghai", "shantou"]);
    expect(await knownFieldValues(database.db, "region", "%")).toEqual([]);
    expect(await knownFieldValues(database.db, "region", "_hanghai")).toEqual([]);
  });

  it("keeps at most the limit, the most frequent ones", async () => {
    expect(await knownFieldValues(database.db, "region", "", 2)).toEqual([
      { value: "Shanghai", count: 5 },
      { value: "Beijing", count: 3 },
    ]);
  });

  it("reads a text feature and product categories", async () => {
    expect(await knownFieldValues(database.db, "subscription_status", "")).toEqual([
      { value: "active", count: 4 },
      { value: "cancelled", count: 2 },
    ]);
    expect(await knownFieldValues(database.db, "category", "d")).toEqual([
      { value: "design", count: 3 },
      { value: "development", count: 2 },
      { value: "data", count: 1 },
    ]);
    expect(await knownFieldValues(database.db, "device", "")).toEqual([
      { value: "ios", count: 7 },
      { value: "android", count: 7 },
    ].sort((a, b) => (a.value < b.value ? -1 : 1)));
  });

  it("answers through segments.fieldValues and names the field it refuses", async () => {
    const staff = await createStaff(database.db, null, { email: "mk-values@example.com", name: "mk", role: "marketer", password: "long enough 1" });
    const caller = createCaller({ db: database.db, user: { id: staff.id, email: staff.email, name: staff.name, role: "marketer" } });
    expect((await caller.segments.fieldValues({ field: "region", prefix: " shen " })).map((v) => v.value)).toEqual(["Shenzhen"]);
    const refused = await caller.segments.fieldValues({ field: "email" as "region" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toContain('no known values are offered for \\"email\\"');
  });
});
