import { eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { modelSchedule, selectRows } from "../db";

export type ScheduleRow = typeof modelSchedule.$inferSelect;

/** The single schedule row (id 1), if it was ever written. */
export async function findSchedule(db: Db): Promise<ScheduleRow | undefined> {
  const rows = await db.select().from(modelSchedule).where(eq(modelSchedule.id, 1)).limit(1);
  return rows[0];
}

export async function saveSchedule(db: Db, values: { nightly: boolean; hourUtc: number; updatedBy: string }): Promise<void> {
  await db
    .insert(modelSchedule)
    .values({ id: 1, nightly: values.nightly, hourUtc: values.hourUtc, updatedBy: values.updatedBy, updatedAt: new Date() })
    .onConflictDoUpdate({ target: modelSchedule.id, set: { nightly: values.nightly, hourUtc: values.hourUtc, updatedBy: values.updatedBy, updatedAt: new Date() } });
}

/**
 * Claims today's nightly retrain with a conditional UPDATE: true for the one caller that moved
 * last_enqueued_on to `today` (nightly on, the configured hour reached), false for everyone else.
 */
export async function claimNightlyRun(db: Db, today: string, hourUtc: number): Promise<boolean> {
  const claimed = await selectRows<{ id: number }>(
    db,
    sql`UPDATE model_schedule SET last_enqueued_on = ${today}
        WHERE id = 1 AND nightly AND hour_utc <= ${hourUtc} AND last_enqueued_on IS DISTINCT FROM ${today}
        RETURNING id`,
  );
  return claimed.length > 0;
}
