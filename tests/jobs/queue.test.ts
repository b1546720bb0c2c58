import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Database } from "../../server/db/client";
import { AppError } from "../../server/errors";
import { drainJobs, enqueueJob, getJob, retryDelayMs, runNextJob } from "../../server/jobs/queue";
import { defineJob } from "../../server/jobs/definition";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

describe(`durable job queue (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await truncateAll(database);
  });

  const seen: string[] = [];
  const echo = defineJob({
    kind: "test.echo",
    payload: z.object({ word: z.string().min(1) }),
    async handler({ payload, reportProgress }) {
      await reportProgress(0.5, "half way");
      seen.push(payload.word);
      return { echoed: payload.word };
    },
  });

  it("runs queued jobs in order and stores their results", async () => {
    seen.length = 0;
    const first = await enqueueJob(database.db, echo, { word: "one" });
    await new Promise((r) => setTimeout(r, 5));
    const second = await enqueueJob(database.db, echo, { word: "two" });
    expect((await getJob(database.db, first.id))?.status).toBe("queued");
    expect(await drainJobs(database.db, [echo])).toBe(2);
    expect(seen).toEqual(["one", "two"]);
    const done = await getJob(database.db, second.id);
    expect(done).toMatchObject({ status: "succeeded", progress: 1, result: { echoed: "two" }, attempts: 1 });
  });

  it("refuses an invalid payload at enqueue time with the field named", async () => {
    await expect(enqueueJob(database.db, echo, { word: "" })).rejects.toThrow(/test.echo job: word:/);
  });

  it("retries a failing job with backoff, then marks it failed with the error", async () => {
    let calls = 0;
    const flaky = defineJob({
      kind: "test.flaky",
      payload: z.object({}),
      maxAttempts: 2,
      async handler() {
        calls++;
        throw new Error(`boom ${calls}`);
      },
    });
    const { id } = await enqueueJob(database.db, flaky, {});
    expect(await runNextJob(database.db, [flaky], "w1")).toBe(true);
    const afterFirst = await getJob(database.db, id);
    expect(afterFirst).toMatchObject({ status: "queued", error: "boom 1", attempts: 1 });
    // Not due yet: the backoff delay applies.
    expect(await runNextJob(database.db, [flaky], "w1")).toBe(false);
    await database.query(`UPDATE jobs SET run_at = now() WHERE id = $1`, [id]);
    expect(await runNextJob(database.db, [flaky], "w1")).toBe(true);
    expect(await getJob(database.db, id)).toMatchObject({ status: "failed", error: "boom 2", attempts: 2 });
    expect(retryDelayMs(1)).toBe(5_000);
    expect(retryDelayMs(2)).toBe(20_000);
    expect(retryDelayMs(10)).toBe(600_000);
  });

  it("does not retry a domain error or a payload that no longer validates", async () => {
    const refusing = defineJob({
      kind: "test.refusing",
      payload: z.object({ n: z.number() }),
      async handler() {
        throw new AppError("BAD_REQUEST", "line 3: amount must be positive");
      },
    });
    const a = await enqueueJob(database.db, refusing, { n: 1 });
    await drainJobs(database.db, [refusing]);
    expect(await getJob(database.db, a.id)).toMatchObject({ status: "failed", attempts: 1, error: "line 3: amount must be positive" });

    const b = await enqueueJob(database.db, refusing, { n: 2 });
    await database.query(`UPDATE jobs SET payload = '{"n":"oops"}' WHERE id = $1`, [b.id]);
    await drainJobs(database.db, [refusing]);
    const failed = await getJob(database.db, b.id);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatch(/^Invalid payload: n:/);
  });

  it("shows live progress of a running job without waiting for the database", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reached: () => void = () => undefined;
    const reachedHalf = new Promise<void>((resolve) => (reached = resolve));
    const slow = defineJob({
      kind: "test.slow",
      payload: z.object({}),
      async handler({ reportProgress }) {
        await reportProgress(0.4, "reading rows");
        reached();
        await gate;
        return null;
      },
    });
    const { id } = await enqueueJob(database.db, slow, {});
    const run = runNextJob(database.db, [slow], "w1");
    await reachedHalf;
    expect(await getJob(database.db, id)).toMatchObject({ status: "running", progress: 0.4, progressMessage: "reading rows" });
    release();
    await run;
    expect((await getJob(database.db, id))?.status).toBe("succeeded");
  });

  it("never hands one job to two workers", async () => {
    seen.length = 0;
    for (let i = 0; i < 6; i++) await enqueueJob(database.db, echo, { word: `w${i}` });
    await Promise.all([drainJobs(database.db, [echo], "a"), drainJobs(database.db, [echo], "b"), drainJobs(database.db, [echo], "c")]);
    expect([...seen].sort()).toEqual(["w0", "w1", "w2", "w3", "w4", "w5"]);
  });
});
