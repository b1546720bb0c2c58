import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { importOnlineRetail } from "../../server/ingest/importers/online-retail";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { readSimpleCsv, requireData } from "./importers-support";

describe(`Online Retail importer on the real data set (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it(
    "imports customers, products, purchases and refunds with exact counts and reports lines without a customer",
    async () => {
      const file = requireData("online-retail", "online_retail_non_uk.csv");
      const lines = readSimpleCsv(file);
      const attributed = lines.filter((l) => l.CustomerID !== "");
      const expected = {
        purchase: attributed.filter((l) => !l.InvoiceNo!.startsWith("C")).length,
        refund: attributed.filter((l) => l.InvoiceNo!.startsWith("C")).length,
      };
      const expectedCents = attributed.reduce((sum, l) => sum + Math.round(Math.abs(Number(l.Quantity) * Number(l.UnitPrice)) * 100), 0);
      expect(lines.length).toBe(46_431);
      expect(new Set(attributed.map((l) => l.CustomerID)).size).toBe(422);

      const report = await importOnlineRetail(database.db, file);
      expect(report.read).toEqual({ "online_retail_non_uk.csv": 46_431 });
      expect(report.customers.inserted).toBe(422);
      expect(report.products.inserted).toBe(new Set(lines.map((l) => l.StockCode)).size);
      expect(report.eventsByType).toEqual(expected);
      expect(report.skipped).toEqual([{ reason: expect.stringContaining("without CustomerID") as string, count: lines.length - attributed.length }]);

      const byType = await database.query<{ type: string; n: number; cents: string }>(
        "SELECT type::text AS type, count(*)::int AS n, sum(amount_cents)::text AS cents FROM events WHERE source = 'online-retail' GROUP BY type ORDER BY type",
      );
      expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual(expected);
      expect(byType.reduce((sum, r) => sum + Number(r.cents), 0)).toBe(expectedCents);
      const [customers] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM customers WHERE external_id LIKE 'retail-%'");
      expect(customers?.n).toBe(422);
      // First line of the file: 24 × 3.75 by customer 12583 in France.
      const [first] = await database.query<{ amount_cents: string; region: string; occurred_at: Date }>(
        `SELECT e.amount_cents::text, c.region, e.occurred_at FROM events e JOIN customers c ON c.id = e.customer_id
         WHERE e.source = 'online-retail' AND e.external_event_id = '536370-L2'`,
      );
      expect(first).toMatchObject({ amount_cents: "9000", region: "France" });
      expect(new Date(first!.occurred_at).toISOString()).toBe("2010-12-01T08:45:00.000Z");

      // Re-running changes nothing: every event is a duplicate.
      const again = await importOnlineRetail(database.db, file);
      expect(again.events).toEqual({ inserted: 0, updated: 0, duplicates: expected.purchase + expected.refund });
      const [total] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE source = 'online-retail'");
      expect(total?.n).toBe(expected.purchase + expected.refund);
    },
    180_000,
  );
});
