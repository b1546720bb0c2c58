import { and, count, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { staff, staffRecoveryCodes } from "../db";

/* The two-factor columns of staff and the recovery codes (server/auth/two-factor.service.ts). */

export async function findTwoFactor(db: Db, staffId: string) {
  const rows = await db
    .select({ id: staff.id, email: staff.email, role: staff.role, totpSecret: staff.totpSecret, totpEnabledAt: staff.totpEnabledAt, lastTotpStep: staff.lastTotpStep })
    .from(staff)
    .where(eq(staff.id, staffId))
    .limit(1);
  return rows[0];
}

export async function countUnusedRecoveryCodes(db: Db, staffId: string): Promise<number> {
  const rows = await db
    .select({ total: count() })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.staffId, staffId), isNull(staffRecoveryCodes.usedAt)));
  return rows[0]?.total ?? 0;
}

/** Stores a pending (unconfirmed) seed; an enabled one is never overwritten here. */
export async function storePendingSecret(db: Db, staffId: string, sealed: string): Promise<boolean> {
  const rows = await db
    .update(staff)
    .set({ totpSecret: sealed, lastTotpStep: null, updatedAt: sql`now()` })
    .where(and(eq(staff.id, staffId), isNull(staff.totpEnabledAt)))
    .returning({ id: staff.id });
  return rows.length > 0;
}

/**
 * Records that a code of time step `step` was used, only if it is later than the last one used:
 * one statement, so two requests with the same code cannot both pass. False = replayed (or older).
 */
export async function claimTotpStep(db: Db, staffId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(staff)
    .set({ lastTotpStep: step })
    .where(and(eq(staff.id, staffId), or(isNull(staff.lastTotpStep), lt(staff.lastTotpStep, step))))
    .returning({ id: staff.id });
  return rows.length > 0;
}

/** Turns the pending seed on and replaces the recovery codes, ending every session of the account. */
export async function enableTwoFactor(db: Db, staffId: string, codeHashes: string[], now: Date): Promise<boolean> {
  const rows = await db
    .update(staff)
    .set({ totpEnabledAt: now, sessionVersion: sql`${staff.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(and(eq(staff.id, staffId), isNull(staff.totpEnabledAt), sql`${staff.totpSecret} IS NOT NULL`))
    .returning({ id: staff.id });
  if (rows.length === 0) return false;
  await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
  await db.insert(staffRecoveryCodes).values(codeHashes.map((codeHash) => ({ staffId, codeHash })));
  return true;
}

/** Clears the seed and the recovery codes (turned off, or reset by an admin), ending every session. */
export async function clearTwoFactor(db: Db, staffId: string): Promise<void> {
  await db
    .update(staff)
    .set({ totpSecret: null, totpEnabledAt: null, lastTotpStep: null, sessionVersion: sql`${staff.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(staff.id, staffId));
  await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.staffId, staffId));
}

/** Marks an unused recovery code used, atomically; false when there is no such unused code. */
export async function spendRecoveryCode(db: Db, staffId: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(staffRecoveryCodes.staffId, staffId), eq(staffRecoveryCodes.codeHash, codeHash), isNull(staffRecoveryCodes.usedAt)))
    .returning({ id: staffRecoveryCodes.id });
  return rows.length > 0;
}
