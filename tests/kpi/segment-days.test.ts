import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { events, segmentMembers, segments } from "../../server/db/schema";
import { kpiCards } from "../../server/kpi/cards";
import { customerDayTotals, dailyTotals, dailyTotalsOf } from "../../server/kpi/cards.repo";
import { ZKpiFilters, type Period } from "../../server/kpi/filters.sql";
import { refreshKpiRollups } from "../../server/kpi/rollup";
import { readSegmentDays } from "../../server/segments/segment-days.repo";
import { refreshSegment } from "../../server/segments/segments.service";
import { engineUnderTest, openTestDatabase } from "../support/db";
import { A, B, insertKpiFixture } from "./fixture";

const ALL: Period = { from: "2026-01-01", to: "2026-04-30" };
const PERIODS: Period[] = [ALL, { from: "2026-03-01", to: "2026-03-09" }, { from: "2026-02-20", to: "2026-03-04" }, { from: "2026-03-10", to: "2026-03-31" }];

/**
 * The segment daily rollup (kpi_segment_day) must give exactly what the per-member path gives,
 * whatever happened since it was built: new events through the KPI rollup, membership changes by
 * the refresh or by any other write. Each check reads both paths of the same data.
 */
describe(`KPI segment daily rollup (${engineUnderTest})`, () => {
  let database: Database;
  let pair = ""; // c2 and c4
  let everyone = "";
  beforeAll(async () => {
    database = await openTestDatabase();
    await insertKpiFixture(database.db);
    await refreshKpiRollups(database.db);
    const created = await database.db
      .insert(segments)
      .values([
        { name: "c2 and c4", kind: "manual", definition: { kind: "manual", customerIds: [2, 4] } },
        { name: "everyone", kind: "manual", definition: { kind: "manual", customerIds: [1, 2, 3, 4, 5] } },
      ])
      .returning();
    pair = created[0]!.id;
    everyone = created[1]!.id;
    await refreshSegment(database.db, pair);
    await refreshSegment(database.db, everyone);
  });
  afterAll(async () => {
    await database.close();
  });

  const rolled = async (segmentId: string) => (await readSegmentDays(database.db, segmentId, ALL)) !== null;

  async function expectAgreement(segmentId: string) {
    for (const period of PERIODS) {
      expect(await dailyTotals(database.db, period, { segmentId })).toEqual(await customerDayTotals(database.db, period, { segmentId }));
    }
    const [current, comparison] = [PERIODS[1]!, PERIODS[2]!];
    expect(await dailyTotalsOf(database.db, [current, comparison], { segmentId })).toEqual([
      await customerDayTotals(database.db, current, { segmentId }),
      await customerDayTotals(database.db, comparison, { segmentId }),
    ]);
  }

  it("a materialised segment reads its daily sums from the rollup, equal to its members' customer days", async () => {
    expect(await rolled(pair)).toBe(true);
    expect(await rolled(everyone)).toBe(true);
    const days = await customerDayTotals(database.db, ALL, { segmentId: pair });
    expect(days.length).toBeGreaterThan(3);
    await expectAgreement(pair);
    await expectAgreement(everyone);
    // A segment of everyone equals the unfiltered daily totals (kpi_day_totals).
    expect(await dailyTotals(database.db, ALL, { segmentId: everyone })).toEqual(await dailyTotals(database.db, ALL, {}));
  });

  it("the KPI rollup keeps the sums of current segments exact as events arrive (incremental and full)", async () => {
    await database.db.insert(events).values([
      { source: "late", externalEventId: "seg-1", customerId: 2, type: "purchase", productId: A, occurredAt: new Date("2026-03-04T15:00:00Z"), amountCents: 4000 },
      { source: "late", externalEventId: "seg-2", customerId: 4, type: "progress", productId: A, occurredAt: new Date("2026-03-20T08:00:00Z"), progress: 0.2 },
      { source: "late", externalEventId: "seg-3", customerId: 1, type: "refund", productId: A, occurredAt: new Date("2026-03-04T16:00:00Z"), amountCents: 10000 },
      { source: "late", externalEventId: "seg-4", customerId: 5, type: "purchase", productId: B, occurredAt: new Date("2026-01-15T10:00:00Z"), amountCents: 8000 },
    ]);
    expect(await refreshKpiRollups(database.db)).toMatchObject({ full: false, days: 3 });
    expect(await rolled(pair)).toBe(true);
    await expectAgreement(pair);
    await expectAgreement(everyone);
    const march20 = await dailyTotals(database.db, { from: "2026-03-20", to: "2026-03-20" }, { segmentId: pair });
    expect(march20).toMatchObject([{ day: "2026-03-20", active: 1, learners: 1 }]);
    await refreshKpiRollups(database.db, { full: true });
    await expectAgreement(pair);
    await expectAgreement(everyone);
  });

  it("whole KPI cards are the same from the rollup and from the member rows", async () => {
    for (const compare of ["previous", "year"] as const) {
      const filters = ZKpiFilters.parse({ from: "2026-03-01", to: "2026-03-20", compare, segmentId: pair });
      const fromRollup = await kpiCards(database.db, filters);
      const marks = await selectRows<{ segment_id: string }>(database.db, sql`DELETE FROM kpi_segment_rollup WHERE segment_id = ${pair}::uuid RETURNING segment_id`);
      expect(marks).toHaveLength(1);
      expect(await rolled(pair)).toBe(false);
      expect(await kpiCards(database.db, filters)).toEqual(fromRollup);
      await refreshSegment(database.db, pair);
      expect(await rolled(pair)).toBe(true);
    }
  });

  it("a membership change by any write forgets the segment's sums until it is materialised again", async () => {
    // Insert outside the refresh (as the persuadables segment or a script would): the per-member path answers.
    await database.db.insert(segmentMembers).values({ segmentId: pair, customerId: 1 });
    expect(await rolled(pair)).toBe(false);
    expect(await rolled(everyone)).toBe(true);
    const withC1 = await dailyTotals(database.db, ALL, { segmentId: pair });
    expect(withC1).toEqual(await customerDayTotals(database.db, ALL, { segmentId: pair }));
    expect(withC1.some((d) => d.day === "2026-03-02")).toBe(true); // c1's purchase day
    // The KPI rollup does not bring back the sums of a forgotten segment.
    await database.db.insert(events).values({ source: "late", externalEventId: "seg-5", customerId: 1, type: "session", occurredAt: new Date("2026-03-21T08:00:00Z") });
    await refreshKpiRollups(database.db);
    expect(await rolled(pair)).toBe(false);
    await expectAgreement(pair);
    await expectAgreement(everyone);
    // Materialising again (c1 leaves: the definition is c2 and c4) rebuilds them.
    await refreshSegment(database.db, pair);
    expect(await rolled(pair)).toBe(true);
    await expectAgreement(pair);

    await database.db.delete(segmentMembers).where(sql`${segmentMembers.segmentId} = ${pair}::uuid AND ${segmentMembers.customerId} = 4`);
    expect(await rolled(pair)).toBe(false);
    await expectAgreement(pair);
    await refreshSegment(database.db, pair);

    await database.db.update(segmentMembers).set({ customerId: 3 }).where(sql`${segmentMembers.segmentId} = ${pair}::uuid AND ${segmentMembers.customerId} = 4`);
    expect(await rolled(pair)).toBe(false);
    await expectAgreement(pair);
    await refreshSegment(database.db, pair);
    expect(await rolled(pair)).toBe(true);
  });

  it("deleting a segment drops its rows", async () => {
    await database.db.delete(segments).where(eq(segments.id, everyone));
    const [row] = await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM kpi_segment_day WHERE segment_id = ${everyone}::uuid`);
    expect(row?.n).toBe(0);
    expect(await rolled(pair)).toBe(true);
  });
});
