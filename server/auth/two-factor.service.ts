import type { Db } from "../db";
import { env } from "../env";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { forgetSessionStaff } from "./session-cache";
import { generateRecoveryCodes, hashRecoveryCode, openSeed, RECOVERY_CODE_COUNT, sealSeed } from "./second-factor.service";
import { LOCKOUT_MINUTES, verifyOwnPassword, verifyOwnSecondFactor } from "./sign-in";
import { base32Encode, generateTotpSecret, otpauthUri, verifyTotp } from "./totp";
import { claimTotpStep, clearTwoFactor, countUnusedRecoveryCodes, enableTwoFactor, findTwoFactor, storePendingSecret } from "./two-factor.repo";

/*
 * Two-factor sign-in as the account screen manages it: begin (a pending seed), confirm (a code
 * from the app turns it on and yields recovery codes, once), disable (password and code), and an
 * admin's reset for a lost device. Every change is audited and ends the account's sessions.
 */

export const TOTP_ISSUER = "Stratum";

interface Member {
  id: string;
  email: string;
}

async function requireAccount(db: Db, id: string) {
  const account = await findTwoFactor(db, id);
  if (!account) throw new AppError("NOT_FOUND", "No staff account with that id", "id");
  return account;
}

/** Whether the role must have two-factor sign-in on (STRATUM_REQUIRE_2FA=1 makes it so for admins). */
export function twoFactorRequiredFor(role: string, requireForAdmins = env().STRATUM_REQUIRE_2FA): boolean {
  return requireForAdmins && role === "admin";
}

export async function twoFactorStatus(db: Db, member: Member) {
  const account = await requireAccount(db, member.id);
  return {
    enabled: account.totpEnabledAt !== null,
    enabledAt: account.totpEnabledAt,
    pending: account.totpEnabledAt === null && account.totpSecret !== null,
    recoveryCodesLeft: account.totpEnabledAt === null ? 0 : await countUnusedRecoveryCodes(db, member.id),
    required: twoFactorRequiredFor(account.role),
  };
}

/**
 * Starts enrolment: a fresh seed, stored sealed and pending until a code from it is confirmed.
 * Returns the seed in base32 and the otpauth:// URI to paste into (or scan with) an authenticator.
 */
export async function beginTwoFactor(db: Db, member: Member) {
  const account = await requireAccount(db, member.id);
  if (account.totpEnabledAt) throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is already on; turn it off first to enrol another authenticator");
  const secret = base32Encode(generateTotpSecret());
  return db.transaction(async (tx) => {
    if (!(await storePendingSecret(tx, account.id, sealSeed(account.id, secret)))) {
      throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is already on; turn it off first to enrol another authenticator");
    }
    await recordAudit(tx, { actorId: member.id, actorEmail: member.email, action: "auth.2fa_enrol_started", target: account.email });
    forgetSessionStaff(account.id);
    return { secret, uri: otpauthUri({ secret, account: account.email, issuer: TOTP_ISSUER }) };
  });
}

/**
 * Confirms enrolment with a code from the authenticator: two-factor sign-in is on from now, every
 * session of the account ends (sign in again with a code), and the ten recovery codes are returned
 * in clear this once (only their SHA-256 is stored).
 */
export async function confirmTwoFactor(db: Db, member: Member, code: string, now = new Date()) {
  const account = await requireAccount(db, member.id);
  if (account.totpEnabledAt) throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is already on");
  const seed = openSeed(account.id, account.totpSecret);
  if (!seed) throw new AppError("PRECONDITION_FAILED", "Start the enrolment first: there is no pending authenticator to confirm");
  const step = verifyTotp(seed, code, now);
  if (step === null || !(await claimTotpStep(db, account.id, step))) {
    throw new AppError("BAD_REQUEST", "code does not match the authenticator: type the 6-digit code it shows now", "code");
  }
  const recoveryCodes = generateRecoveryCodes(RECOVERY_CODE_COUNT);
  return db.transaction(async (tx) => {
    if (!(await enableTwoFactor(tx, account.id, recoveryCodes.map(hashRecoveryCode), now))) {
      throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is already on");
    }
    await recordAudit(tx, { actorId: member.id, actorEmail: member.email, action: "auth.2fa_enabled", target: account.email, detail: { recoveryCodes: recoveryCodes.length } });
    forgetSessionStaff(account.id);
    return { enabled: true as const, recoveryCodes };
  });
}

/**
 * Turns two-factor sign-in off: needs a current authenticator (or recovery) code and the current
 * password, both checked under the sign-in lockout, code first, so a borrowed session cannot guess
 * either without limit. Refused while STRATUM_REQUIRE_2FA requires it of the account's role.
 */
export async function disableTwoFactor(db: Db, member: Member, input: { currentPassword: string; code: string }, now = new Date()) {
  const account = await requireAccount(db, member.id);
  if (!account.totpEnabledAt) throw new AppError("PRECONDITION_FAILED", "Two-factor sign-in is not on");
  if (twoFactorRequiredFor(account.role)) {
    throw new AppError("FORBIDDEN", "Two-factor sign-in is required for admins here (STRATUM_REQUIRE_2FA); ask another admin to reset it if the authenticator is lost");
  }
  const factor = await verifyOwnSecondFactor(db, account.id, input.code, now);
  if (factor === "locked") throw new AppError("FORBIDDEN", `Too many failed attempts: the account is locked for ${LOCKOUT_MINUTES} minutes`, "code");
  if (factor === "wrong") throw new AppError("BAD_REQUEST", "code is not a current authenticator code or an unused recovery code", "code");
  const password = await verifyOwnPassword(db, account.id, input.currentPassword, now);
  if (password === "locked") throw new AppError("FORBIDDEN", `Too many failed attempts: the account is locked for ${LOCKOUT_MINUTES} minutes`, "currentPassword");
  if (password === "wrong") throw new AppError("BAD_REQUEST", "currentPassword is not your current password", "currentPassword");
  return db.transaction(async (tx) => {
    await clearTwoFactor(tx, account.id);
    await recordAudit(tx, { actorId: member.id, actorEmail: member.email, action: "auth.2fa_disabled", target: account.email, detail: { with: factor } });
    forgetSessionStaff(account.id);
    return { enabled: false as const };
  });
}

/**
 * An admin turns off someone's two-factor sign-in (a lost authenticator and no recovery code):
 * the seed and recovery codes are deleted and every session of that account ends; the owner
 * enrols again (at once, when it is required of their role).
 */
export async function resetTwoFactor(db: Db, actor: Member, staffId: string) {
  const account = await requireAccount(db, staffId);
  return db.transaction(async (tx) => {
    await clearTwoFactor(tx, account.id);
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "auth.2fa_reset", target: account.email, detail: { wasEnabled: account.totpEnabledAt !== null } });
    forgetSessionStaff(account.id);
    return { id: account.id, enabled: false as const };
  });
}
