import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { jobs, selectRows } from "../db";
import type { JsonValue } from "./definition";

export type JobRow = typeof jobs.$inferSelect;

export async function insertJob(
  db: Db,
  values: { kind: string; payload: unknown; maxAttempts: number; createdBy?: string | null; runAt?: Date },
): Promise<JobRow> {
  const rows = await db
    .insert(jobs)
    .values({ kind: values.kind, payload: values.payload, maxAttempts: values.maxAttempts, createdBy: values.createdBy ?? null, runAt: values.runAt ?? new Date() })
    .returning();
  const row = rows[0];
  if (!row) throw new Error("Job insert returned no row");
  return row;
}

/**
 * Inserts a job unless one of the same kind with the same payload is already queued (not yet
 * started: a running one may have read its input before the new data arrived); the waiting one
 * then runs at the earliest time anyone asked for. Callers asking at the same moment (eight
 * ingest batches committing together) queue one job: they take a transaction-scoped advisory
 * lock on the kind and payload first, so the second waits for the first to commit and then sees
 * its row. Inside a caller's transaction (a batch) the lock is held only from here to its commit.
 */
export async function insertJobUnlessQueued(
  db: Db,
  values: { kind: string; payload: unknown; maxAttempts: number; createdBy?: string | null; runAt?: Date },
): Promise<{ id: string; deduped: boolean }> {
  const payload = JSON.stringify(values.payload);
  const runAt = (values.runAt ?? new Date()).toISOString();
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`stratum.jobs.${values.kind}`}), hashtext(${payload}))`);
    return selectRows<{ id: string; inserted: boolean }>(
      tx,
      sql`WITH open AS (
            SELECT id FROM jobs WHERE kind = ${values.kind} AND status = 'queued' AND payload = ${payload}::jsonb
            ORDER BY created_at LIMIT 1),
          moved AS (
            UPDATE jobs SET run_at = LEAST(jobs.run_at, ${runAt}::timestamptz) WHERE id IN (SELECT id FROM open) RETURNING id),
          ins AS (
            INSERT INTO jobs (kind, payload, max_attempts, created_by, run_at)
            SELECT ${values.kind}, ${payload}::jsonb, ${values.maxAttempts}, ${values.createdBy ?? null}::uuid, ${runAt}::timestamptz
            WHERE NOT EXISTS (SELECT 1 FROM open)
            RETURNING id)
          SELECT id, true AS inserted FROM ins UNION ALL SELECT id, false AS inserted FROM moved`,
    );
  });
  const row = rows[0];
  if (!row) throw new Error("Job insert returned no row");
  return { id: row.id, deduped: !row.inserted };
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  const rows = await db.select().from(jobs).where(eq(jobs.id, id)).limit(1);
  return rows[0];
}

/**
 * Claims the oldest due job of the given kinds. SKIP LOCKED lets any number of workers on any
 * number of machines pull from the same table without handing one job to two of them.
 */
export async function claimNextJob(db: Db, kinds: readonly string[], workerId: string): Promise<JobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const rows = await selectRows<{ id: string }>(
    db,
    sql`UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_at = now(), locked_by = ${workerId},
               started_at = coalesce(started_at, now()), error = null
        WHERE id = (
          SELECT id FROM jobs
          WHERE status = 'queued' AND run_at <= now() AND kind IN (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
          ORDER BY run_at, created_at
          FOR UPDATE SKIP LOCKED
          LIMIT 1)
        RETURNING id`,
  );
  const id = rows[0]?.id;
  return id ? findJob(db, id) : undefined;
}

/**
 * Writes progress and renews the lock (the heartbeat that keeps requeueStale off a live job).
 * False when the job is no longer running here: cancelled, or taken over after being judged stale.
 */
export async function saveProgress(db: Db, id: string, progress: number, message: string | null): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ progress, progressMessage: message, lockedAt: new Date() })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running")))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/** Renews a running job's lock without touching its progress. */
export async function heartbeat(db: Db, id: string): Promise<void> {
  await db.update(jobs).set({ lockedAt: new Date() }).where(and(eq(jobs.id, id), eq(jobs.status, "running")));
}

/** Cancels a queued or running job; a running one stops at its next progress report. */
export async function markCancelled(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: "cancelled", finishedAt: new Date(), lockedAt: null, lockedBy: null })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ["queued", "running"])))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

export async function markSucceeded(db: Db, id: string, result: JsonValue): Promise<void> {
  // Only a job still running may succeed: a cancelled one stays cancelled.
  await db
    .update(jobs)
    .set({ status: "succeeded", progress: 1, result, finishedAt: new Date(), lockedAt: null, lockedBy: null })
    .where(and(eq(jobs.id, id), eq(jobs.status, "running")));
}

/** Puts the job back in the queue after `retryInMs`, or fails it for good when attempts are spent. */
export async function markFailed(db: Db, job: JobRow, error: string, retryInMs: number | null): Promise<void> {
  if (retryInMs !== null && job.attempts < job.maxAttempts) {
    await db
      .update(jobs)
      .set({ status: "queued", error, runAt: new Date(Date.now() + retryInMs), lockedAt: null, lockedBy: null })
      .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")));
    return;
  }
  await db
    .update(jobs)
    .set({ status: "failed", error, finishedAt: new Date(), lockedAt: null, lockedBy: null })
    .where(and(eq(jobs.id, job.id), eq(jobs.status, "running")));
}

const DIED_MESSAGE = "The process running this job stopped before it finished";

/**
 * Jobs whose process died mid-run go back to the queue, or fail for good when the attempt that
 * died was their last (so a job never runs as "attempt 2 of 1"). `staleAfterMs` null takes every
 * running job: on the embedded engine only one process can open the folder, so whatever was
 * running when it opened belonged to a process that is gone.
 */
export async function requeueStale(db: Db, staleAfterMs: number | null): Promise<number> {
  const dead = staleAfterMs === null ? eq(jobs.status, "running") : and(eq(jobs.status, "running"), lt(jobs.lockedAt, new Date(Date.now() - staleAfterMs)));
  const rows = await db
    .update(jobs)
    .set({
      status: sql`CASE WHEN ${jobs.attempts} >= ${jobs.maxAttempts} THEN 'failed'::run_status ELSE 'queued'::run_status END`,
      error: sql`CASE WHEN ${jobs.attempts} >= ${jobs.maxAttempts}
        THEN ${DIED_MESSAGE} || ' (attempt ' || ${jobs.attempts} || ' of ' || ${jobs.maxAttempts} || ', none left); start it again'
        ELSE ${DIED_MESSAGE} || '; queued again' END`,
      finishedAt: sql`CASE WHEN ${jobs.attempts} >= ${jobs.maxAttempts} THEN now() ELSE NULL END`,
      lockedAt: null,
      lockedBy: null,
      runAt: new Date(),
    })
    .where(dead)
    .returning({ id: jobs.id });
  return rows.length;
}

/** Jobs created at or after `since`, oldest first: what one CLI run queued and ran. */
export async function listJobsSince(db: Db, since: Date): Promise<JobRow[]> {
  return db.select().from(jobs).where(gte(jobs.createdAt, since)).orderBy(jobs.createdAt);
}

export async function listJobs(db: Db, kinds: readonly string[], limit: number): Promise<JobRow[]> {
  return db
    .select()
    .from(jobs)
    .where(inArray(jobs.kind, [...kinds]))
    .orderBy(sql`${jobs.createdAt} desc`)
    .limit(limit);
}
