import type { Db } from "../db";
import { recordAudit } from "../audit";
import { claimSignInAttempt, findCredentials, lockAccount, recordSignInSuccess } from "./credentials.repo";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { Role } from "../../lib/shared/permissions";

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: Role;
  sessionVersion: number;
}

export type SignInResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; reason: "invalid" | "locked" | "disabled"; lockedUntil?: Date };

/**
 * Checks a password and applies the lockout rule: the fifth failure in a row locks the account
 * for 15 minutes, during which even the right password is refused. Each password check is
 * claimed in SQL before it runs, so however many guesses arrive at once, at most five are ever
 * checked before the lock holds. Every outcome is written to the audit log.
 */
export async function authenticate(db: Db, email: string, password: string, now = new Date()): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const account = await findCredentials(db, normalised);
  if (!account) {
    await verifyPassword(password, await dummyPasswordHash());
    await recordAudit(db, { actorEmail: normalised, action: "auth.sign_in_failed", detail: { reason: "unknown_email" } });
    return { ok: false, reason: "invalid" };
  }
  if (account.disabled) {
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in_failed", detail: { reason: "disabled" } });
    return { ok: false, reason: "disabled" };
  }
  const attempt = await claimSignInAttempt(db, account.id, MAX_FAILED_ATTEMPTS, now);
  if (attempt === null) {
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in_failed", detail: { reason: "locked" } });
    const lockedUntil = account.lockedUntil && account.lockedUntil > now ? account.lockedUntil : undefined;
    return { ok: false, reason: "locked", lockedUntil };
  }

  if (await verifyPassword(password, account.passwordHash)) {
    await recordSignInSuccess(db, account.id, now);
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in" });
    return { ok: true, staff: { id: account.id, email: account.email, name: account.name, role: account.role, sessionVersion: account.sessionVersion } };
  }

  const locks = attempt >= MAX_FAILED_ATTEMPTS;
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  if (locks) await lockAccount(db, account.id, lockedUntil);
  await recordAudit(db, {
    actorId: account.id,
    actorEmail: account.email,
    action: locks ? "auth.locked" : "auth.sign_in_failed",
    detail: { reason: "wrong_password", attempt },
  });
  return locks ? { ok: false, reason: "locked", lockedUntil } : { ok: false, reason: "invalid" };
}
