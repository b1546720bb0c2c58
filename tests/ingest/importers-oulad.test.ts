import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { refreshFeatures } from "../../server/features/refresh";
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
    600_000,
  );

  it(
    "computes behaviour features that agree with independent SQL over the imported events",
    async () => {
      const summary = await refreshFeatures(database.db);
      expect(summary.customers).toBe(28_785);
      const [asOf] = await database.query<{ ok: boolean }>(
        `SELECT (SELECT min(as_of) FROM customer_features) = (SELECT max(occurred_at) FROM events)
            AND (SELECT max(as_of) FROM customer_features) = (SELECT max(occurred_at) FROM events) AS ok`,
      );
      expect(asOf?.ok).toBe(true);
      // Each column is recomputed here from the events and customers alone; count disagreements.
      const [check] = await database.query<Record<string, number>>(`
        WITH as_of AS (SELECT max(occurred_at) AS t FROM events),
        learned AS (
          SELECT customer_id, max(occurred_at) AS last_at FROM events WHERE type = 'progress' GROUP BY customer_id
        )
        SELECT
          count(*)::int AS customers,
          count(*) FILTER (WHERE abs(f.tenure_days - extract(epoch FROM a.t - c.signup_at) / 86400) > 0.001)::int AS tenure_wrong,
          count(*) FILTER (WHERE l.last_at IS NULL AND f.days_since_learning IS NOT NULL)::int AS learning_not_null,
          count(*) FILTER (WHERE l.last_at IS NOT NULL AND abs(f.days_since_learning - extract(epoch FROM a.t - l.last_at) / 86400) > 0.001)::int AS learning_wrong,
          count(*) FILTER (WHERE l.last_at IS NOT NULL)::int AS learners,
          count(*) FILTER (WHERE f.frequency <> 0 OR f.recency_days IS NOT NULL OR f.purchase_count <> 0 OR f.avg_order_cents IS NOT NULL)::int AS purchases_invented,
          count(*) FILTER (WHERE f.sessions_90d <> 0 OR f.subscription_status IS NOT NULL)::int AS sessions_invented
        FROM customer_features f
        JOIN customers c ON c.id = f.customer_id
        CROSS JOIN as_of a
        LEFT JOIN learned l ON l.customer_id = f.customer_id`);
      expect(check).toEqual({
        customers: 28_785,
        tenure_wrong: 0,
        learning_not_null: 0,
        learning_wrong: 0,
        learners: expect.any(Number) as number,
        purchases_invented: 0,
        sessions_invented: 0,
      });
      // Assessment submissions come from 23,369 distinct students in studentAssessment.csv.
      const submitters = new Set(readSimpleCsv(requireData("oulad", "studentAssessment.csv")).map((r) => r.id_student));
      expect(check?.learners).toBe(submitters.size);
    },
    600_000,
  );
});
