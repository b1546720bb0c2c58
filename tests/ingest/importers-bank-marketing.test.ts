import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { BANK_CAMPAIGN_NAME, importBankMarketing } from "../../server/ingest/importers/bank-marketing";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { readSimpleCsv, requireData } from "./importers-support";

describe(`Bank Marketing importer on the real data set (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it(
    "imports every client and the campaign result as an imported campaign with one outcome per client",
    async () => {
      const file = requireData("bank-marketing", "bank-full.csv");
      const rows = readSimpleCsv(file, ";");
      const yes = rows.filter((r) => r.y === "yes").length;
      expect(rows.length).toBe(45_211);
      expect(yes).toBe(5_289);

      const report = await importBankMarketing(database.db, file);
      expect(report.customers.inserted).toBe(45_211);
      expect(report.other).toEqual({ campaigns: 1, variants: 1, assignments: 45_211, outcomes: 45_211, conversions: yes });

      const [campaign] = await database.query<{ id: string; origin: string; status: string; variants: number; assignments: number; outcomes: number; converted: number; starts_at: Date; ends_at: Date }>(
        `SELECT c.id, c.origin, c.status::text AS status, c.starts_at, c.ends_at,
                (SELECT count(*)::int FROM campaign_variants v WHERE v.campaign_id = c.id) AS variants,
                (SELECT count(*)::int FROM assignments a WHERE a.campaign_id = c.id) AS assignments,
                (SELECT count(*)::int FROM outcomes o WHERE o.campaign_id = c.id) AS outcomes,
                (SELECT count(*)::int FROM outcomes o WHERE o.campaign_id = c.id AND o.converted) AS converted
         FROM campaigns c WHERE c.name = $1`,
        [BANK_CAMPAIGN_NAME],
      );
      expect(campaign).toMatchObject({ origin: "imported", status: "completed", variants: 1, assignments: 45_211, outcomes: 45_211, converted: 5_289 });
      expect(new Date(campaign!.starts_at).toISOString().slice(0, 7)).toBe("2008-05");
      expect(new Date(campaign!.ends_at).toISOString().slice(0, 7)).toBe("2010-11");

      // Row 1: 58, management, married, tertiary, balance 2143, not subscribed.
      const [client] = await database.query<{ age_band: string; attributes: Record<string, unknown>; converted: boolean; contact: string }>(
        `SELECT c.age_band, c.attributes, o.converted, a.detail->>'contact' AS contact
         FROM customers c JOIN outcomes o ON o.customer_id = c.id JOIN assignments a ON a.customer_id = c.id AND a.campaign_id = o.campaign_id
         WHERE c.external_id = 'bank-1'`,
      );
      expect(client).toEqual({
        age_band: "55-64",
        attributes: { dataset: "bank-marketing", age: 58, job: "management", marital: "married", education: "tertiary", default: "no", balance: 2143, housing: "yes", loan: "no" },
        converted: false,
        contact: "unknown",
      });
      const [bank] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM customers WHERE external_id LIKE 'bank-%'");
      expect(bank?.n).toBe(45_211);
    },
    180_000,
  );
});
