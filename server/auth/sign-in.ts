import type { Db } from "../db";
import { recordAudit } from "../audit";
import { findStaffByEmail, updateStaff } from "../staff";
import { dummyPasswordHash, verifyPassword } from "./password";
import type { Role } from "./permissions";

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

export interface SignedInStaff {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export type SignInResult =
  | { ok: true; staff: SignedInStaff }
  | { ok: false; reason: "invalid" | "locked" | "disabled"; lockedUntil?: Date };

/**
 * Checks a password and applies the lockout rule: the fifth failure in a row locks the
 * account for 15 minutes, during which even the right password is refused. Every outcome
 * is written to the audit log.
 */
export async function authenticate(db: Db, email: string, password: string, now = new Date()): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const account = await findStaffByEmail(db, normalised);
  if (!account) {
    await verifyPassword(password, await dummyPasswordHash());
    await recordAudit(db, { actorEmail: normalised, action: "auth.sign_in_failed", detail: { reason: "unknown_email" } });
    return { ok: false, reason: "invalid" };
  }
  if (account.disabled) {
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in_failed", detail: { reason: "disabled" } });
    return { ok: false, reason: "disabled" };
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in_failed", detail: { reason: "locked" } });
    return { ok: false, reason: "locked", lockedUntil: account.lockedUntil };
  }

  if (await verifyPassword(password, account.passwordHash)) {
    await updateStaff(db, account.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in" });
    return { ok: true, staff: { id: account.id, email: account.email, name: account.name, role: account.role } };
  }

  const failures = account.failedLoginCount + 1;
  const locks = failures >= MAX_FAILED_ATTEMPTS;
  const lockedUntil = locks ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000) : null;
  await updateStaff(db, account.id, { failedLoginCount: locks ? 0 : failures, lockedUntil });
  await recordAudit(db, {
    actorId: account.id,
    actorEmail: account.email,
    action: locks ? "auth.locked" : "auth.sign_in_failed",
    detail: { reason: "wrong_password", attempt: failures },
  });
  return locks ? { ok: false, reason: "locked", lockedUntil: lockedUntil ?? undefined } : { ok: false, reason: "invalid" };
}
