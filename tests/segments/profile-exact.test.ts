import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { loadDemo } from "../../server/demo/load";
import { refreshFeatures } from "../../server/features/refresh";
import { HISTOGRAM_BINS, PROFILE_FEATURES, featureBinRows, featureProfileRows } from "../../server/segments/insights.repo";
import { engineUnderTest, openTestDatabase } from "../support/db";

/**
 * The drill-down profile aggregates every feature as a column in SQL; here the same numbers are
 * computed row by row in JavaScript from the raw feature rows, and must agree exactly (counts) or
 * to float precision (means, SDs).
 */
describe(`segment profile: the SQL aggregates equal a row-by-row computation (${engineUnderTest})`, () => {
  let database: Database;
  let segmentId: string;

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database, { customers: 250, days: 120, seed: 11, endAt: new Date("2026-06-01T00:00:00Z") });
    await refreshFeatures(database.db);
    const [segment] = await database.query<{ id: string }>(`INSERT INTO segments (name, kind, definition) VALUES ('odd ids', 'manual', '{}'::jsonb) RETURNING id`);
    segmentId = segment?.id ?? "";
    await database.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT $1::uuid, id FROM customers WHERE id % 2 = 1`, [segmentId]);
    // An erased customer counts nowhere.
    await database.query(`UPDATE customers SET erased_at = now() WHERE id = 3`);
  });
  afterAll(async () => {
    await database.close();
  });

  it("counts, means, SDs, ranges and every bin match", async () => {
    const stats = await featureProfileRows(database.db, segmentId);
    // Read as float8, as the aggregates see them (real columns would otherwise come back rounded to float4 digits).
    const raw = await database.query<Record<string, unknown>>(
      `SELECT (c.id % 2 = 1) AS member, ${PROFILE_FEATURES.map((name) => `f.${name}::float8 AS ${name}`).join(", ")}
       FROM customers c JOIN customer_features f ON f.customer_id = c.id WHERE c.erased_at IS NULL`,
    );
    let checkedBins = 0;
    for (const key of PROFILE_FEATURES) {
      const column = key;
      const values = raw.map((row) => ({ member: row.member === true, v: row[column] === null || row[column] === undefined ? null : Number(row[column]) })).filter((x): x is { member: boolean; v: number } => x.v !== null);
      if (values.length === 0) continue;
      const lo = Math.min(...values.map((x) => x.v));
      const hi = Math.max(...values.map((x) => x.v));
      const bins = await featureBinRows(database.db, segmentId, key, { lo, hi });
      for (const member of [true, false]) {
        const group = values.filter((x) => x.member === member).map((x) => x.v);
        const got = stats.find((s) => s.key === key && s.member === member);
        if (group.length === 0) {
          expect(got).toBeUndefined();
          continue;
        }
        const mean = group.reduce((s, v) => s + v, 0) / group.length;
        const sd = group.length > 1 ? Math.sqrt(group.reduce((s, v) => s + (v - mean) ** 2, 0) / (group.length - 1)) : 0;
        expect(got, `${key} member=${member}`).toBeDefined();
        expect(got?.n).toBe(group.length);
        expect(got?.mean).toBeCloseTo(mean, 9);
        expect(got?.sd).toBeCloseTo(sd, 9);
        expect(got?.lo).toBe(lo);
        expect(got?.hi).toBe(hi);
        for (let bin = 0; bin < HISTOGRAM_BINS; bin++) {
          const expected = group.filter((v) => (hi === lo ? 0 : Math.min(Math.floor(((v - lo) / (hi - lo)) * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)) === bin).length;
          expect(bins.find((b) => b.key === key && b.member === member && b.bin === bin)?.n ?? 0, `${key} member=${member} bin ${bin}`).toBe(expected);
          checkedBins++;
        }
      }
    }
    expect(checkedBins).toBeGreaterThan(300);
  });
});
