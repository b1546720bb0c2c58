import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { enqueueAfterEvents, ROLLUP_COALESCE_MS } from "../../server/ingest/followups";
import { requestKpiRollup } from "../../server/kpi/rollup.service";
import { queueRefreshOfAllSegments } from "../../server/segments/lifecycle.service";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

describe(`follow-up and refresh work coalesces (${engineUnderTest})`, () => {
  let database: Database;
  let admin: { id: string; email: string };
  const queued = (kind: string) =>
    selectRows<{ id: string; run_at: Date | string }>(database.db, sql`SELECT id, run_at FROM jobs WHERE kind = ${kind} AND status = 'queued'`);

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    admin = await createStaff(database.db, null, { email: "admin@example.com", name: "Admin", role: "admin", password: "admin password 1" });
  });

  it("a stream of event batches waits for one rollup at the end of its window", async () => {
    const now = new Date();
    for (let batch = 0; batch < 20; batch++) await database.db.transaction((tx) => enqueueAfterEvents(tx, now));
    const rollups = await queued("kpi.rollup");
    expect(rollups).toHaveLength(1);
    expect(new Date(rollups[0]?.run_at ?? 0).getTime()).toBe(now.getTime() + ROLLUP_COALESCE_MS);
  });

  it("eight batches committing at the same moment still queue one rollup and one feature refresh", async () => {
    const now = new Date();
    await Promise.all(
      Array.from({ length: 8 }, () =>
        database.db.transaction(async (tx) => {
          await enqueueAfterEvents(tx, now);
          // The batch's commit comes a moment later, as in the ingest handler.
          await tx.execute(sql`SELECT pg_sleep(0.05)`);
        }),
      ),
    );
    expect(await queued("kpi.rollup")).toHaveLength(1);
    expect(await queued("features.refresh")).toHaveLength(1);
  });

  it("asking for a rollup or a refresh of all segments again queues nothing new, and an admin's ask runs now", async () => {
    await database.db.transaction((tx) => enqueueAfterEvents(tx, new Date(Date.now() + 3_600_000)));
    const first = await requestKpiRollup(database.db, admin);
    const second = await requestKpiRollup(database.db, admin);
    expect(second.id).toBe(first.id);
    const rollups = await queued("kpi.rollup");
    expect(rollups).toHaveLength(1);
    expect(new Date(rollups[0]?.run_at ?? 0).getTime()).toBeLessThanOrEqual(Date.now());

    const a = await queueRefreshOfAllSegments(database.db, admin.id);
    const b = await queueRefreshOfAllSegments(database.db, admin.id);
    expect(b.id).toBe(a.id);
    expect(await queued("segments.refresh")).toHaveLength(1);
  });
});
