import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { createApiKey } from "../../server/ingest/apiKeys.service";
import { importCsvFile } from "../../server/ingest/csv/import";
import { ingestCustomers, ingestEvents, ingestProducts } from "../../server/ingest/http/handler";
import { MAX_JSON_DEPTH } from "../../server/ingest/schemas";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { customerItem, eventItem, productItem } from "../ingest/fixtures";

/** JSON text of an object nested `depth` levels deep (depth 1 is `{"leaf":1}`), built without recursion. */
function nestedJson(depth: number): string {
  return `${'{"level":'.repeat(depth - 1)}{"leaf":1}${"}".repeat(depth - 1)}`;
}

/** Stands for a nested object in an item; replaced by its JSON text when the body is written. */
const deepValue = (depth: number) => `@@deep:${depth}@@`;

/**
 * The JSON array body of `items`, with each deepValue(n) replaced by n levels of nesting: 5,000
 * levels overflow JSON.stringify's own stack (which is how the old code answered 500), so the
 * test writes the text itself.
 */
function body(items: unknown[]): string {
  return JSON.stringify(items).replace(/"@@deep:(\d+)@@"/g, (_, depth: string) => nestedJson(Number(depth)));
}

function post(kind: string, items: unknown[], key: string): Request {
  return new Request(`http://localhost/api/v1/${kind}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body(items),
  });
}

describe(`finding 21: free-form JSON deeper than ${10} levels is a 422 naming the field, never a 500 (${engineUnderTest})`, () => {
  let database: Database;
  let key: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-depth-"));

  beforeAll(async () => {
    database = await openTestDatabase();
    const staff = await createStaff(database.db, null, { email: "admin@example.com", name: "Admin", role: "admin", password: "long enough 1" });
    key = (await createApiKey(database.db, { id: staff.id, email: staff.email }, { name: "App", source: "app" })).key;
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("caps the depth at 10", () => {
    expect(MAX_JSON_DEPTH).toBe(10);
  });

  it("customer attributes 5,000 levels deep: 422 on attributes, nothing stored", async () => {
    const response = await ingestCustomers(database, post("customers", [customerItem("ok"), customerItem("deep", { attributes: deepValue(5_000) })], key));
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { index: number; field: string; message: string }[] };
    expect(body.errors).toEqual([{ index: 1, field: "attributes", message: expect.stringContaining("at most 10 levels") as string }]);
    const [row] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers`);
    expect(row?.n).toBe(0);
  });

  it("10 levels are accepted, 11 are refused, for customer attributes, event extra and product attributes", async () => {
    expect((await ingestCustomers(database, post("customers", [customerItem("c1", { attributes: deepValue(10) })], key))).status).toBe(200);
    const deepCustomer = await ingestCustomers(database, post("customers", [customerItem("c2", { attributes: deepValue(11) })], key));
    expect(deepCustomer.status).toBe(422);
    expect(((await deepCustomer.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["attributes"]);

    expect((await ingestEvents(database, post("events", [eventItem("e1", "c1", { extra: deepValue(10) })], key))).status).toBe(200);
    const deepEvent = await ingestEvents(database, post("events", [eventItem("e2", "c1", { extra: { list: [[[[[[[[[[1]]]]]]]]]] } })], key));
    expect(deepEvent.status).toBe(422);
    expect(((await deepEvent.json()) as { errors: { field: string; message: string }[] }).errors).toEqual([
      { index: 0, field: "extra", message: expect.stringContaining("at most 10 levels") as string },
    ]);
    const hugeEvent = await ingestEvents(database, post("events", [eventItem("e3", "c1", { extra: deepValue(5_000) })], key));
    expect(hugeEvent.status).toBe(422);

    const deepProduct = await ingestProducts(database, post("products", [productItem("p1", { attributes: deepValue(11) })], key));
    expect(deepProduct.status).toBe(422);
    expect(((await deepProduct.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(["attributes"]);
  });

  it("a CSV line with deep attributes is refused with its line and field", async () => {
    const deep = nestedJson(12).replaceAll('"', '""');
    const target = path.join(dir, "deep.csv");
    fs.writeFileSync(target, ["customer_id,attributes", 'a,"{}"', `b,"${deep}"`].join("\n"));
    const summary = await importCsvFile(database.db, { kind: "customers", filePath: target });
    expect(summary.outcome).toBe("rejected");
    expect(summary.errors).toEqual([{ line: 3, field: "attributes", message: expect.stringContaining("at most 10 levels") as string }]);
  });
});
