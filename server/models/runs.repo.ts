import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db";
import { isActiveRun, modelRuns, selectRows, staff } from "../db";
import type { ModelTask } from "../../lib/shared/models.schemas";

export type ModelRunRow = typeof modelRuns.$inferSelect;

/**
 * Inserts the next version of a task as a queued run, unless that task already has a queued or
 * running one (the partial unique index decides, so concurrent requests cannot both win).
 */
export async function insertQueuedRun(
  db: Db,
  values: { task: ModelTask; algorithm: string; params: Record<string, unknown>; trainedBy: string | null },
): Promise<{ id: string; version: number } | null> {
  const rows = await selectRows<{ id: string; version: number }>(
    db,
    sql`INSERT INTO model_runs (task, algorithm, version, status, params, trained_by)
        SELECT ${values.task}::model_task, ${values.algorithm}, coalesce(max(version), 0) + 1, 'queued', ${JSON.stringify(values.params)}::jsonb, ${values.trainedBy}::uuid
        FROM model_runs WHERE task = ${values.task}::model_task
        ON CONFLICT DO NOTHING
        RETURNING id, version`,
  );
  return rows[0] ?? null;
}

export async function findPendingRun(db: Db, task: ModelTask): Promise<ModelRunRow | undefined> {
  const rows = await db
    .select()
    .from(modelRuns)
    .where(and(eq(modelRuns.task, task), inArray(modelRuns.status, ["queued", "running"])))
    .limit(1);
  return rows[0];
}

export async function findRun(db: Db, id: string): Promise<ModelRunRow | undefined> {
  const rows = await db.select().from(modelRuns).where(eq(modelRuns.id, id)).limit(1);
  return rows[0];
}

export async function findActiveRun(db: Db, task: ModelTask): Promise<ModelRunRow | undefined> {
  const rows = await db.select().from(modelRuns).where(and(eq(modelRuns.task, task), isActiveRun("model_runs"))).limit(1);
  return rows[0];
}

export async function listActiveRuns(db: Db): Promise<ModelRunRow[]> {
  return db.select().from(modelRuns).where(isActiveRun("model_runs"));
}

/** Run rows without the (possibly large) artifact and metrics: what the runs table shows. */
export async function listRunSummaries(db: Db, task: ModelTask | undefined, limit: number) {
  return db
    .select({
      id: modelRuns.id,
      task: modelRuns.task,
      algorithm: modelRuns.algorithm,
      version: modelRuns.version,
      status: modelRuns.status,
      progress: modelRuns.progress,
      progressMessage: modelRuns.progressMessage,
      progressDetail: modelRuns.progressDetail,
      isActive: modelRuns.isActive,
      rowCount: modelRuns.rowCount,
      durationMs: modelRuns.durationMs,
      error: modelRuns.error,
      createdAt: modelRuns.createdAt,
      finishedAt: modelRuns.finishedAt,
      activatedAt: modelRuns.activatedAt,
      trainedByEmail: staff.email,
      headline: sql<number | null>`coalesce((${modelRuns.metrics}->>'auc')::float8, (${modelRuns.metrics}->>'silhouette')::float8, (${modelRuns.metrics}->>'rules')::float8)`,
    })
    .from(modelRuns)
    .leftJoin(staff, eq(staff.id, modelRuns.trainedBy))
    .where(task ? eq(modelRuns.task, task) : undefined)
    .orderBy(desc(modelRuns.createdAt), desc(modelRuns.version))
    .limit(limit);
}

export async function updateRun(db: Db, id: string, values: Partial<typeof modelRuns.$inferInsert>, onlyIfStatus?: Array<ModelRunRow["status"]>): Promise<boolean> {
  const rows = await db
    .update(modelRuns)
    .set(values)
    .where(onlyIfStatus ? and(eq(modelRuns.id, id), inArray(modelRuns.status, onlyIfStatus)) : eq(modelRuns.id, id))
    .returning({ id: modelRuns.id });
  return rows.length > 0;
}

export async function setActive(db: Db, run: ModelRunRow, activatedBy: string | null): Promise<void> {
  await db.update(modelRuns).set({ isActive: false }).where(and(eq(modelRuns.task, run.task), eq(modelRuns.isActive, true)));
  await db.update(modelRuns).set({ isActive: true, activatedBy, activatedAt: new Date() }).where(eq(modelRuns.id, run.id));
}
