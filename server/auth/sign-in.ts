import type { Db } from "../db";
import { recordAudit } from "../audit";
import { auditableEmail } from "./audit-email";
import { claimSignInAttempt, clearFailedAttempts, findCredentials, findCredentialsById, lockAccount, recordSignInSuccess } from "./credentials.repo";
import { dummyPasswordHash, verifyPassword } from "./password";
import { checkSecondFactor } from "./second-factor.service";
import { countUnusedRecoveryCodes } from "./two-factor.repo";
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

/**
 * What the caller is told. Every failure is the same "invalid" (unknown email, wrong password,
 * locked account, disabled account with a wrong password), so the answer says nothing about which
 * accounts exist or what state they are in; "disabled" is said only to someone who gave that
 * account's right password.
 */
export type SignInResult = { ok: true; staff: SignedInStaff } | { ok: false; reason: "invalid" | "disabled" | "2fa_required" };

const INVALID = { ok: false, reason: "invalid" } as const;

/**
 * Checks a password and applies the lockout rule: the fifth failure in a row locks the account
 * for 15 minutes, during which even the right password is refused. Each password check is
 * claimed in SQL before it runs, so however many guesses arrive at once, at most five are ever
 * checked before the lock holds. Every path does exactly one scrypt check (against a dummy hash
 * for an unknown email or a locked account), so the time taken does not tell the paths apart.
 * Every outcome is written to the audit log.
 *
 * An account with two-factor sign-in on also needs `code`, an authenticator code or an unused
 * recovery code, checked only after the right password: without one the answer is "2fa_required"
 * (the claimed attempt stays counted, so that answer cannot be used to reset the lockout); a
 * wrong, replayed or used-up code is an ordinary failure ("invalid", counted, audited
 * auth.2fa_failed). "disabled" is said only after both factors were right.
 */
export async function authenticate(db: Db, email: string, password: string, now = new Date(), code?: string): Promise<SignInResult> {
  const normalised = email.trim().toLowerCase();
  const dummy = dummyPasswordHash();
  const account = await findCredentials(db, normalised);
  if (!account) {
    await verifyPassword(password, await dummy);
    await recordAudit(db, { actorEmail: auditableEmail(normalised), action: "auth.sign_in_failed", detail: { reason: "unknown_email" } });
    return INVALID;
  }

  const attempt = await claimSignInAttempt(db, account.id, MAX_FAILED_ATTEMPTS, now);
  if (attempt === null) {
    // Locked: the password is not evaluated (a different answer for the right one would let a
    // guesser carry on through the lock), but the same work is done.
    await verifyPassword(password, await dummy);
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in_failed", detail: { reason: "locked" } });
    return INVALID;
  }

  if (await verifyPassword(password, account.passwordHash)) {
    let secondFactor: "totp" | "recovery" | undefined;
    if (account.totpEnabledAt) {
      if (!code) {
        await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.2fa_required", detail: { attempt } });
        return { ok: false, reason: "2fa_required" };
      }
      const factor = await checkSecondFactor(db, account, code, now);
      if (!factor) return failedAttempt(db, account, attempt, now, "wrong_code");
      secondFactor = factor;
      if (factor === "recovery") {
        const left = await countUnusedRecoveryCodes(db, account.id);
        await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.2fa_recovery_used", detail: { recoveryCodesLeft: left } });
      }
    }
    if (account.disabled) {
      await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in_failed", detail: { reason: "disabled" } });
      return { ok: false, reason: "disabled" };
    }
    await recordSignInSuccess(db, account.id, now);
    await recordAudit(db, { actorId: account.id, actorEmail: account.email, action: "auth.sign_in", ...(secondFactor ? { detail: { secondFactor } } : {}) });
    return { ok: true, staff: { id: account.id, email: account.email, name: account.name, role: account.role, sessionVersion: account.sessionVersion } };
  }

  return failedAttempt(db, account, attempt, now, "wrong_password");
}

/**
 * A wrong password or second factor on a claimed attempt: the attempt that uses up the allowance
 * locks the account. Audited auth.sign_in_failed / auth.2fa_failed, or auth.locked when it locks.
 */
async function failedAttempt(
  db: Db,
  account: { id: string; email: string },
  attempt: number,
  now: Date,
  reason: "wrong_password" | "wrong_code",
): Promise<SignInResult> {
  const locks = attempt >= MAX_FAILED_ATTEMPTS;
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
  if (locks) await lockAccount(db, account.id, lockedUntil);
  await recordAudit(db, {
    actorId: account.id,
    actorEmail: account.email,
    action: locks ? "auth.locked" : reason === "wrong_code" ? "auth.2fa_failed" : "auth.sign_in_failed",
    detail: locks ? { reason, attempt, lockedUntil: lockedUntil.toISOString() } : { reason, attempt },
  });
  return INVALID;
}

/**
 * Checks a signed-in member's second factor (to turn two-factor sign-in off) under the sign-in
 * allowance: claimed first, a wrong code counts as a failed attempt and the fifth in a row locks.
 * The counter is left as it is when the code is right (the password check that follows clears it).
 */
export async function verifyOwnSecondFactor(
  db: Db,
  staffId: string,
  code: string,
  now = new Date(),
): Promise<"totp" | "recovery" | "wrong" | "locked"> {
  const account = await findCredentialsById(db, staffId);
  if (!account) return "wrong";
  const attempt = await claimSignInAttempt(db, account.id, MAX_FAILED_ATTEMPTS, now);
  if (attempt === null) return "locked";
  const factor = await checkSecondFactor(db, account, code, now);
  if (factor) return factor;
  await failedAttempt(db, account, attempt, now, "wrong_code");
  return attempt >= MAX_FAILED_ATTEMPTS ? "locked" : "wrong";
}

/**
 * Checks a signed-in member's own password (before changing it) under the same allowance as
 * sign-in: the check is claimed first, and the fifth wrong one in a row locks the account, so a
 * borrowed session cannot be used to guess the password without limit.
 */
export async function verifyOwnPassword(db: Db, staffId: string, password: string, now = new Date()): Promise<"ok" | "wrong" | "locked"> {
  const dummy = dummyPasswordHash();
  const account = await findCredentialsById(db, staffId);
  if (!account) {
    await verifyPassword(password, await dummy);
    return "wrong";
  }
  const attempt = await claimSignInAttempt(db, account.id, MAX_FAILED_ATTEMPTS, now);
  if (attempt === null) {
    await verifyPassword(password, await dummy);
    return "locked";
  }
  if (await verifyPassword(password, account.passwordHash)) {
    await clearFailedAttempts(db, account.id);
    return "ok";
  }
  if (attempt >= MAX_FAILED_ATTEMPTS) await lockAccount(db, account.id, new Date(now.getTime() + LOCKOUT_MINUTES * 60_000));
  return attempt >= MAX_FAILED_ATTEMPTS ? "locked" : "wrong";
}
