import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { isActiveRun, selectRows } from "../db";
import { jobKinds } from "../jobs";

export async function featureTableStatus(db: Db) {
  const rows = await selectRows<{ customers: number | string; computedAt: string | Date | null; asOf: string | Date | null }>(
    db,
    sql`SELECT count(*)::float8 AS customers, max(computed_at) AS "computedAt", max(as_of) AS "asOf" FROM customer_features`,
  );
  const row = rows[0];
  return {
    customers: Number(row?.customers ?? 0),
    computedAt: row?.computedAt ? new Date(row.computedAt) : null,
    asOf: row?.asOf ? new Date(row.asOf) : null,
  };
}

/** The newest refresh job still queued or running, so a second click does not queue another. */
export async function findOpenRefreshJob(db: Db): Promise<string | null> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`SELECT id FROM jobs WHERE kind = ${jobKinds.featuresRefresh.kind} AND status IN ('queued', 'running') ORDER BY created_at DESC LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}

export async function findLatestRefreshJob(db: Db): Promise<string | null> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`SELECT id FROM jobs WHERE kind = ${jobKinds.featuresRefresh.kind} ORDER BY created_at DESC LIMIT 1`,
  );
  return rows[0]?.id ?? null;
}

/** Brings a queued refresh forward to now (one the ingestion API queued for later, when an admin asks for it). */
export async function runQueuedRefreshNow(db: Db, id: string): Promise<void> {
  await db.execute(sql`UPDATE jobs SET run_at = now() WHERE id = ${id}::uuid AND status = 'queued' AND run_at > now()`);
}

/** Whether any model is in use: its scores (and then the segments) go stale with the features. */
export async function anyActiveModel(db: Db): Promise<boolean> {
  const rows = await selectRows<{ any: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM model_runs WHERE ${isActiveRun()}) AS any`);
  return rows[0]?.any === true;
}
