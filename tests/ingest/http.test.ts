import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { createApiKey, revokeApiKey } from "../../server/ingest/apiKeys.service";
import { ingestCustomers, ingestEvents, ingestProducts } from "../../server/ingest/http/handler";
import { MAX_BODY_BYTES } from "../../server/ingest/http/limits";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";
import { customerItem, eventItem, productItem } from "./fixtures";

type Handler = (database: Database, request: Request) => Promise<Response>;

interface PostOptions {
  key?: string | null;
  contentType?: string;
  headers?: Record<string, string>;
}

function request(path: string, body: BodyInit, options: PostOptions = {}): Request {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json", ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  return new Request(`http://localhost/api/v1/${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
}

async function call(handler: Handler, database: Database, req: Request): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(database, req);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const ndjson = (items: unknown[]) => items.map((item) => JSON.stringify(item)).join("\n") + "\n";

describe(`POST /api/v1/* handlers (${engineUnderTest})`, () => {
  let database: Database;
  let key: string;
  let actor: { id: string; email: string };

  async function count(table: string): Promise<number> {
    const rows = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0]?.n ?? -1;
  }

  async function seedCustomers(ids: string[]) {
    const result = await call(ingestCustomers, database, request("customers", JSON.stringify(ids.map((id) => customerItem(id))), { key }));
    expect(result.status).toBe(200);
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    await truncateAll(database);
    const admin = await createStaff(database.db, null, { email: "admin@example.com", name: "Admin", role: "admin", password: "admin password 1" });
    actor = { id: admin.id, email: admin.email };
    const created = await createApiKey(database.db, actor, { name: "Mobile app", source: "app" });
    key = created.key;
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    // Only the ingest tables: the admin and key survive (hashing a password per test is slow).
    await database.query(`TRUNCATE events, customers, products RESTART IDENTITY CASCADE`);
    await database.query(`UPDATE api_keys SET last_used_at = NULL`);
  });

  describe("authentication", () => {
    it("refuses a missing, malformed or unknown key with 401 and writes nothing", async () => {
      const body = JSON.stringify([customerItem("c1")]);
      for (const presented of [null, "not-a-key", `${key.slice(0, -1)}${key.endsWith("A") ? "B" : "A"}`]) {
        const result = await call(ingestCustomers, database, request("customers", body, { key: presented }));
        expect(result.status).toBe(401);
        expect(typeof result.body.error).toBe("string");
      }
      const missing = await ingestCustomers(database, request("customers", body));
      expect(missing.headers.get("www-authenticate")).toContain("Bearer");
      expect(await count("customers")).toBe(0);
    });

    it("refuses a revoked key with 401 and stamps last_used_at on good use", async () => {
      const before = await database.query<{ last_used_at: unknown }>(`SELECT last_used_at FROM api_keys`);
      expect(before[0]?.last_used_at).toBeNull();
      await seedCustomers(["c1"]);
      const after = await database.query<{ used: boolean }>(`SELECT last_used_at IS NOT NULL AS used FROM api_keys`);
      expect(after[0]?.used).toBe(true);
      const doomed = await createApiKey(database.db, actor, { name: "Old CRM", source: "crm" });
      await call(ingestCustomers, database, request("customers", JSON.stringify([customerItem("c0")]), { key: doomed.key }));
      await revokeApiKey(database.db, actor, doomed.id);
      const result = await call(ingestCustomers, database, request("customers", JSON.stringify([customerItem("c2")]), { key: doomed.key }));
      expect(result).toEqual({ status: 401, body: { error: "This API key has been revoked" } });
      expect(await count("customers")).toBe(2);
      // The good key is untouched by another key's revocation.
      expect((await call(ingestCustomers, database, request("customers", JSON.stringify([customerItem("c3")]), { key }))).status).toBe(200);
    });
  });

  describe("formats", () => {
    it("accepts a JSON array and NDJSON, and re-sending changes nothing", async () => {
      const products = await call(ingestProducts, database, request("products", JSON.stringify([productItem("p1")]), { key }));
      expect(products).toEqual({ status: 200, body: { inserted: 1, duplicates: 0, updated: 0 } });
      await seedCustomers(["c1", "c2"]);
      const items = [eventItem("e1", "c1", { type: "purchase", product_id: "p1", amount: 99 }), eventItem("e2", "c2"), eventItem("e3", "c2")];
      const first = await call(ingestEvents, database, request("events", ndjson(items), { key, contentType: "application/x-ndjson" }));
      expect(first).toEqual({ status: 200, body: { inserted: 3, duplicates: 0, updated: 0 } });
      const again = await call(ingestEvents, database, request("events", JSON.stringify(items), { key }));
      expect(again).toEqual({ status: 200, body: { inserted: 0, duplicates: 3, updated: 0 } });
      const rows = await database.query<{ source: string; n: number; cents: number }>(
        `SELECT source, count(*)::int AS n, sum(amount_cents)::int AS cents FROM events GROUP BY source`,
      );
      expect(rows).toEqual([{ source: "app", n: 3, cents: 9900 }]);
      const customersAgain = await call(ingestCustomers, database, request("customers", JSON.stringify([customerItem("c1"), customerItem("c2")]), { key }));
      expect(customersAgain.body).toEqual({ inserted: 0, duplicates: 2, updated: 0 });
    });

    it("names the line of invalid JSON and invalid NDJSON with 400", async () => {
      const broken = '[\n  {"customer_id": "c1"},\n  {"customer_id": "c2",}\n]';
      const json = await call(ingestCustomers, database, request("customers", broken, { key }));
      expect(json.status).toBe(400);
      expect(json.body.error).toBe(`Request body is not valid JSON: line 3, column 24: expected a property name in double quotes, found "}"`);
      const lines = `${JSON.stringify(customerItem("c1"))}\n\n${JSON.stringify(customerItem("c2"))}\n{"customer_id": "c3"\n`;
      const nd = await call(ingestCustomers, database, request("customers", lines, { key, contentType: "application/x-ndjson; charset=utf-8" }));
      expect(nd.status).toBe(400);
      expect(nd.body.error).toBe(`Line 4 is not valid JSON: column 21: expected ',' or '}', found the end of the body`);
      expect(await count("customers")).toBe(0);
    });

    it("refuses a body that is not an array, an unknown content type, and invalid UTF-8", async () => {
      const object = await call(ingestCustomers, database, request("customers", JSON.stringify(customerItem("c1")), { key }));
      expect(object.status).toBe(400);
      expect(object.body.error).toContain("must be a JSON array");
      const csv = await call(ingestCustomers, database, request("customers", "customer_id\nc1\n", { key, contentType: "text/csv" }));
      expect(csv.status).toBe(415);
      const prefix = new TextEncoder().encode('[{"customer_id": "c');
      const bytes = new Uint8Array([...prefix, 0xc3, 0x28, ...new TextEncoder().encode('"}]')]);
      const utf8 = await call(ingestCustomers, database, request("customers", bytes, { key }));
      expect(utf8).toEqual({ status: 400, body: { error: `Request body is not valid UTF-8 (at byte ${prefix.length})` } });
      expect(await count("customers")).toBe(0);
    });
  });

  describe("all or nothing", () => {
    it("one invalid item among many: 422 listing every error, nothing written", async () => {
      const items = [customerItem("c1"), customerItem("c2", { city_tier: 7, colour: "red" }), customerItem("c3"), customerItem("c1")];
      const result = await call(ingestCustomers, database, request("customers", JSON.stringify(items), { key }));
      expect(result.status).toBe(422);
      expect(result.body.errors).toEqual([
        { index: 1, field: "city_tier", message: "must be from 1 to 4" },
        { index: 1, field: "colour", message: "is not a known field" },
        { index: 3, field: "customer_id", message: 'duplicate customer_id "c1" (first at index 0)' },
      ]);
      expect(await count("customers")).toBe(0);
    });

    it("NDJSON errors carry the line as well as the index", async () => {
      const body = `${JSON.stringify(customerItem("c1"))}\n\n${JSON.stringify(customerItem("c2", { email: 3 }))}\n`;
      const result = await call(ingestCustomers, database, request("customers", body, { key, contentType: "application/x-ndjson" }));
      expect(result.status).toBe(422);
      expect(result.body.errors).toEqual([{ index: 1, line: 3, field: "email", message: "must be an email address" }]);
    });

    it("an unknown customer id rolls back the whole request", async () => {
      await seedCustomers(["c1"]);
      const items = [eventItem("e1", "c1"), eventItem("e2", "c1"), eventItem("e3", "stranger")];
      const result = await call(ingestEvents, database, request("events", JSON.stringify(items), { key }));
      expect(result.status).toBe(422);
      expect(result.body.errors).toEqual([{ index: 2, field: "customer_id", message: 'unknown customer_id "stranger": send the customer first' }]);
      expect(await count("events")).toBe(0);
    });
  });

  describe("limits", () => {
    it("refuses more than 10,000 items with 413, as JSON and as NDJSON", async () => {
      const items = Array.from({ length: 10_001 }, (_, i) => ({ customer_id: `c${i}` }));
      const json = await call(ingestCustomers, database, request("customers", JSON.stringify(items), { key }));
      expect(json.status).toBe(413);
      expect(json.body.error).toBe("Request has 10,001 items; the limit is 10,000 per request. Split the upload.");
      const nd = await call(ingestCustomers, database, request("customers", ndjson(items), { key, contentType: "application/x-ndjson" }));
      expect(nd.status).toBe(413);
      expect(await count("customers")).toBe(0);
    });

    it("accepts exactly 10,000 events in one request", async () => {
      await seedCustomers(Array.from({ length: 50 }, (_, i) => `c${i}`));
      const items = Array.from({ length: 10_000 }, (_, i) => eventItem(`e${i}`, `c${i % 50}`, { type: "session", duration_seconds: 60 }));
      const result = await call(ingestEvents, database, request("events", ndjson(items), { key, contentType: "application/x-ndjson" }));
      expect(result).toEqual({ status: 200, body: { inserted: 10_000, duplicates: 0, updated: 0 } });
      expect(await count("events")).toBe(10_000);
    });

    it("refuses a body over 5 MB by Content-Length, and by counting when the client lies", async () => {
      const small = JSON.stringify([customerItem("c1")]);
      const declared = await call(ingestCustomers, database, request("customers", small, { key, headers: { "content-length": String(MAX_BODY_BYTES + 1) } }));
      expect(declared.status).toBe(413);
      expect(declared.body.error).toContain("5 MB");
      // A streamed body with no Content-Length, then one whose Content-Length claims to be tiny.
      const big = JSON.stringify([customerItem("c1", { attributes: { blob: "x".repeat(MAX_BODY_BYTES) } })]);
      const chunked = new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(big);
          for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
          controller.close();
        },
      });
      const streamed = await call(ingestCustomers, database, request("customers", chunked, { key }));
      expect(streamed.status).toBe(413);
      const lying = await call(ingestCustomers, database, request("customers", big, { key, headers: { "content-length": "100" } }));
      expect(lying.status).toBe(413);
      expect(await count("customers")).toBe(0);
    });

    it("refuses a 10 MB review text with 413", async () => {
      await seedCustomers(["c1"]);
      const body = JSON.stringify([eventItem("e1", "c1", { type: "rate", rating: 2, review_text: "x".repeat(10 * 1024 * 1024) })]);
      const result = await call(ingestEvents, database, request("events", body, { key }));
      expect(result.status).toBe(413);
      expect(await count("events")).toBe(0);
    });
  });

  it("the exported POST route wires the shared database handle", async () => {
    const holder = globalThis as typeof globalThis & Record<symbol, unknown>;
    holder[Symbol.for("stratum.database")] = Promise.resolve(database);
    try {
      const { POST } = await import("../../app/api/v1/customers/route");
      const response = await POST(request("customers", JSON.stringify([customerItem("c9")]), { key }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ inserted: 1, duplicates: 0, updated: 0 });
      const { POST: postEvents } = await import("../../app/api/v1/events/route");
      const events = await postEvents(request("events", JSON.stringify([eventItem("e1", "c9")]), { key }));
      expect(await events.json()).toEqual({ inserted: 1, duplicates: 0, updated: 0 });
    } finally {
      delete holder[Symbol.for("stratum.database")];
    }
  });
});
