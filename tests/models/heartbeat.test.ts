import { eq } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { jobs } from "../../server/db/schema";
import { requeueStale } from "../../server/jobs/jobs.repo";
import { enqueueJob, runNextJob } from "../../server/jobs/queue";
import { defineJob } from "../../server/jobs/definition";
import { engineUnderTest, openTestDatabase } from "../support/db";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A long job that reports progress every 100 ms (talkative) or never (silent). */
const longJob = defineJob({
  kind: "test.long",
  payload: z.object({ talkative: z.boolean() }),
  // Two attempts, so the silent one judged dead has one left and goes back to the queue.
  maxAttempts: 2,
  async handler({ payload, reportProgress }) {
    for (let i = 0; i < 30; i++) {
      await sleep(100);
      if (payload.talkative) await reportProgress(i / 30, `step ${i}`);
    }
    return { ok: true };
  },
});

describe(`running jobs heartbeat through their progress reports (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => database?.close());

  it("a live job reporting progress is not judged stale; a silent one past the limit is", async () => {
    for (const talkative of [true, false]) {
      const { id } = await enqueueJob(database.db, longJob, { talkative });
      const running = runNextJob(database.db, [longJob], "live-worker");
      await sleep(2000);
      // Another worker's sweep with a 1.5 s limit while the job is still running.
      const requeued = await requeueStale(database.db, 1500);
      await running;
      const row = (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;
      if (talkative) {
        expect(requeued).toBe(0);
        expect(row.status).toBe("succeeded");
      } else {
        expect(requeued).toBe(1);
        // The requeued job's original run can no longer mark it done: only a running job succeeds.
        expect(row.status).toBe("queued");
      }
    }
  }, 30_000);
});
