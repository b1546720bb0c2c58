import { and, eq, lt, or, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db";
import { staff } from "../db";

/*
 * The staff table as sign-in and the session check see it. Account administration (create, list,
 * change role) lives in server/staff, which depends on auth; auth never imports staff.
 */

const credentialColumns = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  passwordHash: staff.passwordHash,
  disabled: staff.disabled,
  lockedUntil: staff.lockedUntil,
  sessionVersion: staff.sessionVersion,
  totpSecret: staff.totpSecret,
  totpEnabledAt: staff.totpEnabledAt,
};

/** What sign-in needs of an account, password hash included (never leaves this module). */
export async function findCredentials(db: Db, email: string) {
  const rows = await db.select(credentialColumns).from(staff).where(eq(staff.email, email)).limit(1);
  return rows[0];
}

export async function findCredentialsById(db: Db, id: string) {
  const rows = await db.select(credentialColumns).from(staff).where(eq(staff.id, id)).limit(1);
  return rows[0];
}

/** A right password (checked outside sign-in) ends the run of failures. */
export async function clearFailedAttempts(db: Db, id: string): Promise<void> {
  await db.update(staff).set({ failedLoginCount: 0 }).where(eq(staff.id, id));
}

/**
 * Claims one password check for the account, atomically: the counter goes up in the same
 * statement that checks it, so parallel guesses cannot all read the same count. Returns the
 * attempt's number, or null when the account is locked or its attempts are used up.
 */
export async function claimSignInAttempt(db: Db, id: string, maxAttempts: number, now: Date): Promise<number | null> {
  const rows = await db
    .update(staff)
    .set({ failedLoginCount: sql`${staff.failedLoginCount} + 1` })
    .where(and(eq(staff.id, id), lt(staff.failedLoginCount, maxAttempts), or(isNull(staff.lockedUntil), lte(staff.lockedUntil, now))))
    .returning({ attempt: staff.failedLoginCount });
  return rows[0]?.attempt ?? null;
}

export async function recordSignInSuccess(db: Db, id: string, now: Date): Promise<void> {
  await db.update(staff).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: now, updatedAt: sql`now()` }).where(eq(staff.id, id));
}

/** The attempt that used up the allowance locks the account and starts the count afresh. */
export async function lockAccount(db: Db, id: string, lockedUntil: Date): Promise<void> {
  await db.update(staff).set({ failedLoginCount: 0, lockedUntil, updatedAt: sql`now()` }).where(eq(staff.id, id));
}

/** The account as the per-request session check needs it. */
export async function findSessionStaff(db: Db, id: string) {
  const rows = await db
    .select({ id: staff.id, email: staff.email, name: staff.name, role: staff.role, disabled: staff.disabled, sessionVersion: staff.sessionVersion, mustChangePassword: staff.mustChangePassword, totpEnabledAt: staff.totpEnabledAt })
    .from(staff)
    .where(eq(staff.id, id))
    .limit(1);
  return rows[0];
}

/**
 * Ends every session the account holds by raising its session version. With `onlyFrom`, only when
 * the version is still that one, so a token that is already void cannot end the newer sessions.
 */
export async function bumpSessionVersion(db: Db, id: string, onlyFrom?: number): Promise<boolean> {
  const rows = await db
    .update(staff)
    .set({ sessionVersion: sql`${staff.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(onlyFrom === undefined ? eq(staff.id, id) : and(eq(staff.id, id), eq(staff.sessionVersion, onlyFrom)))
    .returning({ id: staff.id });
  return rows.length > 0;
}
