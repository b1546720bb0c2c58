import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { eraseCustomer } from "../../server/customers/erase.service";
import { createApiKey } from "../../server/ingest/apiKeys.service";
import { importCsvFile } from "../../server/ingest/csv/import";
import { ingestCustomers, ingestEvents } from "../../server/ingest/http/handler";
import { importBankMarketing } from "../../server/ingest/importers/bank-marketing";
import { importOnlineRetail } from "../../server/ingest/importers/online-retail";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { customerItem, eventItem } from "../ingest/fixtures";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stratum-erased-"));
let counter = 0;
function file(content: string): string {
  const target = path.join(dir, `f${counter++}.csv`);
  fs.writeFileSync(target, content);
  return target;
}

function post(kind: string, body: string, key: string, contentType = "application/json"): Request {
  return new Request(`http://localhost/api/v1/${kind}`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": contentType },
    body,
  });
}

const BANK_HEADER = '"age";"job";"marital";"education";"default";"balance";"housing";"loan";"contact";"day";"month";"duration";"campaign";"pdays";"previous";"poutcome";"y"';
const BANK = [
  BANK_HEADER,
  '58;"management";"married";"tertiary";"no";2143;"yes";"no";"unknown";5;"may";261;1;-1;0;"unknown";"no"',
  '44;"technician";"single";"secondary";"no";29;"yes";"no";"unknown";5;"may";151;1;-1;0;"unknown";"yes"',
  '33;"entrepreneur";"married";"secondary";"no";2;"yes";"yes";"unknown";6;"may";76;1;-1;0;"unknown";"no"',
].join("\n");

const RETAIL = [
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  "536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583,France",
  "536371,22727,ALARM CLOCK BAKELIKE RED,2,2010-12-01 09:00:00,3.75,12584,Germany",
  "536372,22727,ALARM CLOCK BAKELIKE RED,1,2010-12-02 09:00:00,3.75,12583,France",
].join("\n");

describe(`finding 06: an erased external id is a tombstone for the API, CSV import and importers (${engineUnderTest})`, () => {
  let database: Database;
  let key: string;
  let admin: { id: string; email: string };

  async function one<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T> {
    const rows = await database.query<T>(text, params);
    return rows[0] as T;
  }
  async function erase(externalId: string) {
    const row = await one<{ id: number | string }>(`SELECT id FROM customers WHERE external_id = $1`, [externalId]);
    await eraseCustomer(database.db, admin, { id: Number(row.id), confirmExternalId: externalId });
  }
  async function tombstone(externalId: string) {
    return one<{ consent: boolean; email: string | null; name: string | null; region: string | null; attributes: unknown; erased: boolean; events: number }>(
      `SELECT c.marketing_consent AS consent, c.email, c.display_name AS name, c.region, c.attributes, c.erased_at IS NOT NULL AS erased,
              (SELECT count(*)::int FROM events e WHERE e.customer_id = c.id) AS events
         FROM customers c WHERE c.external_id = $1`,
      [externalId],
    );
  }
  const blank = { consent: false, email: null, name: null, region: null, attributes: {}, erased: true, events: 0 };

  beforeAll(async () => {
    database = await openTestDatabase();
    const staff = await createStaff(database.db, null, { email: "dpo@example.com", name: "DPO", role: "admin", password: "long enough 1" });
    admin = { id: staff.id, email: staff.email };
    key = (await createApiKey(database.db, admin, { name: "App", source: "app" })).key;
    const seeded = await ingestCustomers(database, post("customers", JSON.stringify([customerItem("gone", { marketing_consent: true }), customerItem("kept")]), key));
    expect(seeded.status).toBe(200);
    const events = await ingestEvents(database, post("events", JSON.stringify([eventItem("e1", "gone"), eventItem("e2", "kept")]), key));
    expect(events.status).toBe(200);
    await erase("gone");
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("API: a re-sent customer is reported as erased per item; consent, attributes and personal data stay blank", async () => {
    const items = [
      customerItem("gone", { marketing_consent: true, region: "Shanghai", attributes: { vip: true } }),
      customerItem("fresh", { marketing_consent: true }),
    ];
    const response = await ingestCustomers(database, post("customers", JSON.stringify(items), key));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ inserted: 1, updated: 0, erased: [{ index: 0, customer_id: "gone", status: "erased" }] });
    expect(await tombstone("gone")).toEqual(blank);

    // NDJSON names the line too.
    const ndjson = `\n${JSON.stringify(customerItem("kept", { region: "Beijing" }))}\n${JSON.stringify(customerItem("gone", { marketing_consent: true }))}\n`;
    const lined = await ingestCustomers(database, post("customers", ndjson, key, "application/x-ndjson"));
    expect(lined.status).toBe(200);
    expect(((await lined.json()) as Record<string, unknown>).erased).toEqual([{ index: 1, line: 3, customer_id: "gone", status: "erased" }]);
    expect(await tombstone("gone")).toEqual(blank);
  });

  it("API: events for an erased customer are skipped and reported, the rest of the batch lands", async () => {
    const batch = [eventItem("e3", "gone"), eventItem("e4", "kept"), eventItem("e5", "gone", { type: "purchase", amount: 10 })];
    const response = await ingestEvents(database, post("events", JSON.stringify(batch), key));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ inserted: 1, duplicates: 0 });
    expect(body.erased).toEqual([
      { index: 0, customer_id: "gone", status: "erased" },
      { index: 2, customer_id: "gone", status: "erased" },
    ]);
    expect((await tombstone("gone")).events).toBe(0);
    expect((await tombstone("kept")).events).toBe(2);
  });

  it("CSV: customer and event lines of an erased id are skipped and listed as erased in the summary", async () => {
    const customers = await importCsvFile(database.db, {
      kind: "customers",
      filePath: file(["customer_id,email,region,marketing_consent", "kept,k@example.com,Beijing,yes", "gone,g@example.com,Shanghai,yes"].join("\n")),
    });
    expect(customers).toMatchObject({ outcome: "imported", errorCount: 0, erasedCount: 1, erased: [{ line: 3, customer_id: "gone" }] });
    expect(customers.skipped).toContainEqual({ reason: expect.stringContaining("erased") as string, count: 1 });
    expect(await tombstone("gone")).toEqual(blank);

    const events = await importCsvFile(database.db, {
      kind: "events",
      source: "shop",
      filePath: file(["event_id,customer_id,type,occurred_at", "s1,gone,view,2025-03-01T08:30:00Z", "s2,kept,view,2025-03-01T08:30:00Z"].join("\n")),
    });
    expect(events).toMatchObject({ outcome: "imported", inserted: 1, errorCount: 0, erasedCount: 1, erased: [{ line: 2, customer_id: "gone" }] });
    expect((await tombstone("gone")).events).toBe(0);
  });

  it("importers: a re-run skips the erased client, restores nothing and reports the line", async () => {
    const bank = file(BANK);
    await importBankMarketing(database.db, bank);
    await erase("bank-2");
    const again = await importBankMarketing(database.db, bank);
    expect(again.erased).toEqual([{ kind: "customers", customer_id: "bank-2", ref: "line 3" }]);
    expect(again.skipped).toContainEqual({ reason: expect.stringContaining("erased") as string, count: 1 });
    expect(await tombstone("bank-2")).toEqual(blank);
    const derived = await one<{ n: number }>(
      `SELECT ((SELECT count(*) FROM assignments a JOIN customers c ON c.id = a.customer_id WHERE c.external_id = 'bank-2')
             + (SELECT count(*) FROM outcomes o JOIN customers c ON c.id = o.customer_id WHERE c.external_id = 'bank-2'))::int AS n`,
    );
    expect(derived.n).toBe(0);

    const retail = file(RETAIL);
    await importOnlineRetail(database.db, retail);
    await erase("retail-12583");
    const rerun = await importOnlineRetail(database.db, retail);
    expect(rerun.erased).toEqual([
      { kind: "customers", customer_id: "retail-12583", ref: "CustomerID 12583" },
      { kind: "events", customer_id: "retail-12583", ref: "line 2" },
      { kind: "events", customer_id: "retail-12583", ref: "line 4" },
    ]);
    expect(await tombstone("retail-12583")).toEqual(blank);
    expect((await tombstone("retail-12584")).events).toBe(1);
  });
});
