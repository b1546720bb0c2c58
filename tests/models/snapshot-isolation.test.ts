import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { refreshFeatures } from "../../server/features/refresh";
import { featuresAsOf } from "../../server/models/snapshot.repo";
import { AS_OF, insertFixture } from "../features/fixture";
import { engineUnderTest, openTestDatabase } from "../support/db";

describe(`training's point-in-time features leave the live table alone (${engineUnderTest})`, () => {
  let database: Database;
  const live = () => selectRows<Record<string, unknown>>(database.db, sql`SELECT customer_id, recency_days, frequency, as_of FROM customer_features ORDER BY customer_id`);

  beforeAll(async () => {
    database = await openTestDatabase();
    await insertFixture(database.db);
    await refreshFeatures(database.db);
  });
  afterAll(async () => {
    await database.close();
  });

  it("snapshots beside feature refreshes all succeed, agree with a lone snapshot, and never change the live rows", async () => {
    const before = await live();
    expect(before.length).toBeGreaterThan(0);
    const cutoff = new Date(AS_OF.getTime() - 30 * 86_400_000);
    const alone = await featuresAsOf(database.db, cutoff);
    const results = await Promise.all([featuresAsOf(database.db, cutoff), refreshFeatures(database.db), featuresAsOf(database.db, cutoff), refreshFeatures(database.db)]);
    expect(results[0]).toEqual(alone);
    expect(results[2]).toEqual(alone);
    const after = await live();
    expect(after.map((r) => [r.customer_id, r.recency_days, r.frequency])).toEqual(before.map((r) => [r.customer_id, r.recency_days, r.frequency]));
    // The snapshot saw the cut-off, the live table still holds the refresh's own as-of time.
    expect(new Date(String(after[0]?.as_of)).getTime()).toBe(new Date(String(before[0]?.as_of)).getTime());
  });
});
