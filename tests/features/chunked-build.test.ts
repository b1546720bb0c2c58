import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { loadDemo } from "../../server/demo";
import { buildFeatures, deleteBuild } from "../../server/features";
import { refreshFeatures } from "../../server/features/refresh";
import { engineUnderTest, openTestDatabase } from "../support/db";

type Row = Record<string, unknown>;

/** Every feature value of every customer, in a form two reads can be compared by. */
function byCustomer(rows: Row[]): Map<string, Row> {
  return new Map(
    rows.map(({ build_id: _build, computed_at: _computed, ...values }) => [String(values.customer_id), { ...values, customer_id: String(values.customer_id) }]),
  );
}

describe(`features built in chunks equal features built in one (${engineUnderTest})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase();
    await loadDemo(database, { customers: 240, days: 120, seed: 11, endAt: new Date("2026-06-01T00:00:00Z") });
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it("gives every customer the same values (r/f/m ranks and sentiment included) with 7 customers per chunk as with 1,000, and leaves no build rows behind", async () => {
    const summary = await refreshFeatures(database.db);
    expect(summary.customers).toBe(240);
    expect(await database.query("SELECT 1 FROM feature_build_rows")).toHaveLength(0);
    const asOf = new Date(summary.asOf);
    const options = { asOf, subscriptionActiveDays: 35, stalledAfterDays: 30 };
    const live = byCustomer(await database.query("SELECT * FROM customer_features"));

    const whole = await buildFeatures(database.db, options, undefined, 1_000);
    const chunked = await buildFeatures(database.db, options, undefined, 7);
    expect(chunked.customers).toBe(240);
    const read = async (buildId: string) => byCustomer(await database.query("SELECT * FROM feature_build_rows WHERE build_id = $1", [buildId]));
    const inOne = await read(whole.buildId);
    const inChunks = await read(chunked.buildId);
    expect(inChunks.size).toBe(240);
    for (const [id, values] of inOne) {
      expect(inChunks.get(id), `customer ${id}`).toEqual(values);
      expect(live.get(id), `customer ${id} (live)`).toEqual(values);
    }
    expect([...inOne.values()].filter((values) => values.r_score !== null).length).toBeGreaterThan(50);
    await deleteBuild(database.db, whole.buildId);
    await deleteBuild(database.db, chunked.buildId);
  }, 120_000);
});
