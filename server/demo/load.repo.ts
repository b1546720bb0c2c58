import type { Database } from "../db";

/** The highest id in a demo table (0 when empty): generated ids continue after it. */
export async function maxId(database: Database, table: "customers" | "products"): Promise<number> {
  const [row] = await database.query<{ max: number | string }>(`SELECT coalesce(max(id), 0)::float8 AS max FROM ${table}`);
  return Number(row?.max ?? 0);
}

/** Explicit ids were copied in, so move identity sequences past them for later inserts. */
export async function syncIdentity(database: Database, table: "customers" | "products"): Promise<void> {
  await database.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
}

export interface DemoRunInsert {
  seed: number;
  customers: number;
  days: number;
  startAt: Date;
  endAt: Date;
  churnCutoffAt: Date;
  truth: unknown;
}

/** Records one demo load; returns its id. */
export async function insertDemoRun(database: Database, run: DemoRunInsert): Promise<number> {
  const [row] = await database.query<{ id: number }>(
    `INSERT INTO demo_runs (seed, customers, days, start_at, end_at, churn_cutoff_at, truth) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
    [run.seed, run.customers, run.days, run.startAt, run.endAt, run.churnCutoffAt, JSON.stringify(run.truth)],
  );
  if (!row) throw new Error("demo_runs insert returned no id");
  return Number(row.id);
}

export async function saveDemoRunTruth(database: Database, demoRunId: number, truth: unknown): Promise<void> {
  await database.query(`UPDATE demo_runs SET truth = $1::jsonb WHERE id = $2`, [JSON.stringify(truth), demoRunId]);
}
