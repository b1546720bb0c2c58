import { sql } from "drizzle-orm";
import type { Db, MODEL_TASKS } from "../db";
import { activeRunId, selectRows } from "../db";

export type ModelTask = (typeof MODEL_TASKS)[number];

export type RunRow = {
  id: string;
  task: ModelTask;
  algorithm: string;
  version: number;
  artifact: unknown;
  metrics: unknown;
};

/** The active, succeeded run of a task: the one whose outputs the product currently uses. */
export async function findActiveRun(db: Db, task: ModelTask): Promise<RunRow | undefined> {
  const rows = await selectRows<RunRow>(
    db,
    sql`SELECT id, task, algorithm, version, artifact, metrics FROM model_runs WHERE id = ${activeRunId(task)}`,
  );
  return rows[0];
}

export async function findRun(db: Db, id: string): Promise<RunRow | undefined> {
  const rows = await selectRows<RunRow>(db, sql`SELECT id, task, algorithm, version, artifact, metrics FROM model_runs WHERE id = ${id}::uuid`);
  return rows[0];
}
