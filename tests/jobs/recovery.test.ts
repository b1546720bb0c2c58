import { sql } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { selectRows } from "../../server/db/rows";
import { AppError, describeError, isDatabaseUnavailable } from "../../server/errors";
import { defineJob } from "../../server/jobs/definition";
import { requeueStale } from "../../server/jobs/jobs.repo";
import { drainJobs, enqueueJob } from "../../server/jobs/queue";
import { startWorker } from "../../server/jobs/worker";
import { runFitInThread } from "../../server/models/fit-runner";
import { ZClusterParams } from "../../lib/shared/models.schemas";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

type JobLine = { id: string; status: string; attempts: number; max_attempts: number; error: string | null };

const succeeds = defineJob({ kind: "test.recovery-ok", payload: z.object({}).strict(), maxAttempts: 3, handler: async () => ({ ok: true }) });
const refusesData = defineJob({
  kind: "test.recovery-data",
  payload: z.object({}).strict(),
  maxAttempts: 3,
  handler: async () => {
    throw new AppError("PRECONDITION_FAILED", "The label window has only one class: nothing to learn");
  },
});
const duplicateKey = defineJob({
  kind: "test.recovery-duplicate",
  payload: z.object({}).strict(),
  maxAttempts: 1,
  handler: async ({ db }) => {
    await db.execute(sql`INSERT INTO recovery_probe (id, email) VALUES (1, 'ann@example.com')`);
    await db.execute(sql`INSERT INTO recovery_probe (id, email) VALUES (${1}, ${"ann@example.com"})`);
    return null;
  },
});

describe(`jobs recover in seconds and keep their cause (${engineUnderTest})`, () => {
  let database: Database;
  const job = async (id: string) => (await selectRows<JobLine>(database.db, sql`SELECT id, status, attempts, max_attempts, error FROM jobs WHERE id = ${id}`))[0];
  const markRunning = (id: string, attempts: number, lockedSecondsAgo: number) =>
    database.db.execute(sql`UPDATE jobs SET status = 'running', attempts = ${attempts}, locked_at = now() - make_interval(secs => ${lockedSecondsAgo}), locked_by = 'dead:1' WHERE id = ${id}`);

  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.execute(sql`CREATE TABLE IF NOT EXISTS recovery_probe (id int PRIMARY KEY, email text)`);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
    await database.db.execute(sql`TRUNCATE recovery_probe`);
  });

  it("a job whose process died goes back to the queue, and fails instead when that was its last attempt", async () => {
    const retry = await enqueueJob(database.db, succeeds, {});
    const last = await enqueueJob(database.db, succeeds, {});
    const fresh = await enqueueJob(database.db, succeeds, {});
    await markRunning(retry.id, 1, 25);
    await markRunning(last.id, 3, 25);
    await markRunning(fresh.id, 1, 2);
    expect(await requeueStale(database.db, 20_000)).toBe(2);
    expect(await job(retry.id)).toMatchObject({ status: "queued", attempts: 1 });
    expect(await job(last.id)).toMatchObject({ status: "failed", attempts: 3 });
    expect((await job(last.id))?.error).toContain("attempt 3 of 3, none left");
    expect(await job(fresh.id)).toMatchObject({ status: "running" });
    await drainJobs(database.db, [succeeds]);
    expect(await job(retry.id)).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("on the embedded engine's start, every job left running is reclaimed at once and completed", async () => {
    const orphan = await enqueueJob(database.db, succeeds, {});
    await markRunning(orphan.id, 1, 0);
    const worker = startWorker(database.db, [succeeds], { pollMs: 50, reclaimAllAtStart: true, log: () => undefined });
    try {
      for (let i = 0; i < 200 && (await job(orphan.id))?.status !== "succeeded"; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await worker.stop();
    }
    expect(await job(orphan.id)).toMatchObject({ status: "succeeded", attempts: 2 });
  });

  it("an error no retry can fix fails on the first attempt with its message", async () => {
    const { id } = await enqueueJob(database.db, refusesData, {});
    await drainJobs(database.db, [refusesData]);
    expect(await job(id)).toMatchObject({ status: "failed", attempts: 1, error: "The label window has only one class: nothing to learn" });
  });

  it("a failed query is recorded with the database's message and code, never the SQL or its parameters", async () => {
    const { id } = await enqueueJob(database.db, duplicateKey, {});
    await drainJobs(database.db, [duplicateKey]);
    const row = await job(id);
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/duplicate key value violates unique constraint/);
    expect(row?.error).toContain("SQLSTATE 23505");
    expect(row?.error).not.toMatch(/Failed query|INSERT INTO|ann@example\.com/);
  });

  it("a data problem inside the training thread keeps its kind across the thread boundary", async () => {
    const handle = runFitInThread(
      { task: "clusters", params: ZClusterParams.parse({ kMin: 2, kMax: 4, seed: 1 }), features: ["a"], X: new Float64Array([1, 2]), rows: 2 },
      () => undefined,
    );
    const error = await handle.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toContain("Too few customers to cluster");
  }, 60_000);

  it("tells an outage from other failures", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Failed query: select 1", { cause: new Error("Connection terminated unexpectedly") }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(describeError(new Error("Failed query: select $1\nparams: secret"))).toBe("A database query failed");
  });
});
