import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { customerScores, modelRuns } from "../../server/db/schema";
import { latestFeatureRefreshJob, requestFeatureRefresh } from "../../server/features/refresh.service";
import { refreshFeaturesJob } from "../../server/features/refresh.job";
import { createApiKey } from "../../server/ingest/apiKeys.service";
import { FEATURE_REFRESH_DELAY_MS, ROLLUP_COALESCE_MS } from "../../server/ingest/followups";
import { ingestCustomers, ingestEvents } from "../../server/ingest/http/handler";
import { JOB_DEFINITIONS } from "../../server/worker/registry";
import { drainJobs, enqueueJob, enqueueJobOnce } from "../../server/jobs/queue";
import { kpiRollupJob } from "../../server/kpi/rollup.job";
import { insertSegment } from "../../server/segments/segments.repo";
import { createStaff } from "../../server/staff/staff.service";
import { customerItem, eventItem } from "../ingest/fixtures";
import { insertFixture } from "../features/fixture";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

type JobLine = {
  kind: string;
  status: string;
  payload: unknown;
  run_at: string | Date;
};

describe(`pipeline chain: ingest -> rollup/features -> scores -> segments (${engineUnderTest})`, () => {
  let database: Database;
  const drain = () => drainJobs(database.db, JOB_DEFINITIONS);
  const jobLines = () => selectRows<JobLine>(database.db, sql`SELECT kind, status, payload, run_at FROM jobs ORDER BY created_at, kind`);
  const kinds = async (status?: string) => (await jobLines()).filter((j) => !status || j.status === status).map((j) => j.kind);

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
  });

  it("enqueueJobOnce keeps one waiting job per kind and payload, but queues again once it has started", async () => {
    const first = await enqueueJobOnce(database.db, kpiRollupJob, {});
    const second = await enqueueJobOnce(database.db, kpiRollupJob, {});
    expect(first.deduped).toBe(false);
    expect(second).toEqual({ id: first.id, deduped: true });
    // A different payload is different work.
    const full = await enqueueJobOnce(database.db, kpiRollupJob, { full: true });
    expect(full.deduped).toBe(false);
    expect(await kinds("queued")).toEqual(["kpi.rollup", "kpi.rollup"]);
    await database.query(`UPDATE jobs SET status = 'running' WHERE id = $1`, [first.id]);
    // A running rollup may have read its input before the newest events: a new one is queued.
    expect((await enqueueJobOnce(database.db, kpiRollupJob, {})).deduped).toBe(false);
  });

  it("a feature refresh with no model in use refreshes the segments next", async () => {
    await insertFixture(database.db);
    const segment = await insertSegment(database.db, { name: "champions", kind: "rfm", definition: { kind: "rfm", preset: "champions" } });
    await enqueueJob(database.db, refreshFeaturesJob, {});
    expect(await drain()).toBe(2);
    const lines = await jobLines();
    expect(lines.map((j) => [j.kind, j.status])).toEqual([
      ["features.refresh", "succeeded"],
      ["segments.refresh", "succeeded"],
    ]);
    const refreshed = await selectRows<{ result: { refreshed: Array<{ id: string; size: number }> } }>(database.db, sql`SELECT result FROM jobs WHERE kind = 'segments.refresh'`);
    expect(refreshed[0]?.result.refreshed.map((r) => r.id)).toEqual([segment?.id]);
    const members = await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM segment_members WHERE segment_id = ${segment?.id}::uuid`);
    expect(refreshed[0]?.result.refreshed[0]?.size).toBe(Number(members[0]?.n));
  });

  it("a feature refresh with a model in use rescores every customer, and the scoring refreshes the segments", async () => {
    await insertFixture(database.db);
    const [run] = await database.db
      .insert(modelRuns)
      .values({
        task: "propensity",
        algorithm: "logistic",
        version: 1,
        status: "succeeded",
        isActive: true,
        artifact: { kind: "classifier", algorithm: "logistic", features: ["log_frequency"], mean: [0], scale: [1], threshold: 0.5, model: { kind: "logistic", intercept: -1, coef: [0.5], iterations: 1 } },
      })
      .returning();
    await enqueueJob(database.db, refreshFeaturesJob, {});
    await drain();
    const errors = await selectRows<{ kind: string; error: string | null }>(database.db, sql`SELECT kind, error FROM jobs WHERE error IS NOT NULL`);
    expect(errors).toEqual([]);
    const lines = await jobLines();
    expect(lines.map((j) => [j.kind, j.status, j.payload])).toEqual([
      ["features.refresh", "succeeded", {}],
      ["models.score", "succeeded", {}],
      ["segments.refresh", "succeeded", {}],
    ]);
    const features = await selectRows<{ n: number; f: number }>(database.db, sql`SELECT count(*)::int AS n, min(frequency)::float8 AS f FROM customer_features`);
    const scores = await database.db.select().from(customerScores);
    expect(scores.length).toBe(Number(features[0]?.n));
    expect(scores.every((s) => s.modelRunId === run?.id && s.score !== null && s.score > 0 && s.score < 1)).toBe(true);
  });

  it("an API event batch queues one KPI rollup per short window and one delayed feature refresh, however many batches arrive", async () => {
    const admin = await createStaff(database.db, null, { email: "admin@example.com", name: "Admin", role: "admin", password: "admin password 1" });
    const { key } = await createApiKey(database.db, { id: admin.id, email: admin.email }, { name: "App", source: "app" });
    const post = async (handler: typeof ingestEvents, path: string, items: unknown[]) => {
      const response = await handler(database, new Request(`http://localhost/api/v1/${path}`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify(items) }));
      expect(response.status).toBe(200);
      return (await response.json()) as { inserted: number };
    };
    await post(ingestCustomers, "customers", [customerItem("c1"), customerItem("c2")]);
    expect(await kinds()).toEqual([]);

    const before = Date.now();
    await post(ingestEvents, "events", [eventItem("e1", "c1"), eventItem("e2", "c2", { occurred_at: "2025-03-02T09:00:00Z" })]);
    await post(ingestEvents, "events", [eventItem("e3", "c1", { occurred_at: "2025-03-03T09:00:00Z" })]);
    // Re-sending a stored batch writes nothing and queues nothing.
    expect((await post(ingestEvents, "events", [eventItem("e3", "c1", { occurred_at: "2025-03-03T09:00:00Z" })])).inserted).toBe(0);
    const queued = await jobLines();
    expect(queued.map((j) => j.kind).sort()).toEqual(["features.refresh", "kpi.rollup"]);
    const refresh = queued.find((j) => j.kind === "features.refresh");
    expect(new Date(refresh?.run_at ?? 0).getTime()).toBeGreaterThanOrEqual(before + FEATURE_REFRESH_DELAY_MS - 1000);
    const rollupDue = queued.find((j) => j.kind === "kpi.rollup");
    expect(new Date(rollupDue?.run_at ?? 0).getTime()).toBeGreaterThanOrEqual(before + ROLLUP_COALESCE_MS - 1000);

    // Once its window has passed, the one rollup covers both batches; the refresh waits out its delay.
    expect(await drain()).toBe(0);
    await database.db.execute(sql`UPDATE jobs SET run_at = now() WHERE kind = 'kpi.rollup'`);
    expect(await drain()).toBe(1);
    const rollup = await selectRows<{ status: string; result: { days: number } }>(database.db, sql`SELECT status, result FROM jobs WHERE kind = 'kpi.rollup'`);
    expect(rollup[0]?.status).toBe("succeeded");
    expect(rollup[0]?.result.days).toBeGreaterThanOrEqual(3);
    expect(await kinds("queued")).toEqual(["features.refresh"]);

    // An admin asking for a refresh gets the waiting one, brought forward; then the chain runs on.
    const admin2 = { id: admin.id, email: admin.email };
    const waiting = await latestFeatureRefreshJob(database.db);
    expect(waiting?.scheduledFor?.getTime()).toBe(new Date(refresh?.run_at ?? 0).getTime());
    const asked = await requestFeatureRefresh(database.db, admin2);
    expect(asked).toEqual({ id: waiting?.id, alreadyQueued: true });
    expect((await latestFeatureRefreshJob(database.db))?.scheduledFor).toBeNull();
    expect(await drain()).toBe(2);
    expect(await kinds("succeeded")).toEqual(expect.arrayContaining(["features.refresh", "segments.refresh"]));
    const features = await selectRows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM customer_features`);
    expect(Number(features[0]?.n)).toBe(2);
  });
});
