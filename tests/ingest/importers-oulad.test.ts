import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { importOulad } from "../../server/ingest/importers/oulad";
import { presentationStart } from "../../server/ingest/importers/oulad-dates";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { readSimpleCsv, requireData } from "./importers-support";

describe(`OULAD importer on the real data set (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("maps presentation codes to calendar dates", () => {
    expect(presentationStart("2013J").toISOString()).toBe("2013-10-01T00:00:00.000Z");
    expect(presentationStart("2014B").toISOString()).toBe("2014-02-01T00:00:00.000Z");
    expect(() => presentationStart("2014X")).toThrow('Unknown OULAD presentation code "2014X"');
  });

  it(
    "imports every student, presentation, registration and assessment submission with exact counts",
    async () => {
      const dir = requireData("oulad");
      const registrations = readSimpleCsv(requireData("oulad", "studentRegistration.csv"));
      const submissions = readSimpleCsv(requireData("oulad", "studentAssessment.csv"));
      const info = readSimpleCsv(requireData("oulad", "studentInfo.csv"));
      const expected = {
        enrol: registrations.filter((r) => r.date_registration !== "").length,
        unenrol: registrations.filter((r) => r.date_unregistration !== "").length,
        progress: submissions.length,
      };
      expect(registrations.length).toBe(32_593);
      expect(new Set(info.map((r) => r.id_student)).size).toBe(28_785);

      const report = await importOulad(database.db, dir);
      expect(report.customers.inserted).toBe(28_785);
      expect(report.products.inserted).toBe(22);
      expect(report.eventsByType).toEqual(expected);
      expect(report.skipped).toEqual([{ reason: expect.stringContaining("without date_registration") as string, count: 32_593 - expected.enrol }]);

      const [counts] = await database.query<{ customers: number; products: number; courses: number }>(
        `SELECT (SELECT count(*)::int FROM customers WHERE external_id LIKE 'oulad-%') AS customers,
                (SELECT count(*)::int FROM products WHERE external_id LIKE 'oulad-%') AS products,
                (SELECT count(*)::int FROM products WHERE kind = 'course') AS courses`,
      );
      expect(counts).toEqual({ customers: 28_785, products: 22, courses: 22 });
      const byType = await database.query<{ type: string; n: number }>(
        "SELECT type::text AS type, count(*)::int AS n FROM events WHERE source = 'oulad' GROUP BY type ORDER BY type",
      );
      expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual(expected);

      // Student 11391, AAA-2013J: registered on day -159 of a presentation starting 2013-10-01.
      const [student] = await database.query<{ region: string; age_band: string; attributes: Record<string, unknown>; enrolled: Date }>(
        `SELECT c.region, c.age_band, c.attributes,
                (SELECT e.occurred_at FROM events e WHERE e.customer_id = c.id AND e.type = 'enrol') AS enrolled
         FROM customers c WHERE c.external_id = 'oulad-11391'`,
      );
      expect(student?.region).toBe("East Anglian Region");
      expect(student?.age_band).toBe("55<=");
      expect(student?.attributes).toMatchObject({ gender: "M", highest_education: "HE Qualification", imd_band: "90-100%", disability: "N", studied_credits: 240, final_result: "Pass" });
      expect(new Date(student!.enrolled).toISOString()).toBe("2013-04-25T00:00:00.000Z");
      const [score] = await database.query<{ score: number; occurred_at: Date }>(
        `SELECT (e.extra->>'score')::int AS score, e.occurred_at FROM events e WHERE e.source = 'oulad' AND e.external_event_id = 'asm-1752-11391'`,
      );
      expect(score?.score).toBe(78);
      expect(new Date(score!.occurred_at).toISOString()).toBe("2013-10-19T00:00:00.000Z");
    },
    180_000,
  );
});
