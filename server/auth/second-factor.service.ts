import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../db";
import { env } from "../env";
import { resolveAuthSecret } from "./secret";
import { deriveKey, open, seal } from "./secret-box";
import { base32Decode, base32Encode, verifyTotp } from "./totp";
import { claimTotpStep, spendRecoveryCode } from "./two-factor.repo";

/*
 * The second factor as sign-in and the account screen check it: an authenticator code (TOTP, each
 * time step accepted once) or a one-time recovery code.
 */

export const RECOVERY_CODE_COUNT = 10;

let keyCache: { secret: string; key: Buffer } | undefined;

/** The AES-256-GCM key the TOTP seeds are sealed with, derived from NEXTAUTH_SECRET. */
export function seedKey(): Buffer {
  const secret = resolveAuthSecret(env());
  if (keyCache?.secret !== secret) keyCache = { secret, key: deriveKey(secret, "stratum/totp-seed/v1") };
  return keyCache.key;
}

export function sealSeed(staffId: string, base32Seed: string): string {
  return seal(seedKey(), base32Seed, `staff:${staffId}`);
}

/** The seed's bytes, or null when it cannot be read (sealed under another NEXTAUTH_SECRET). */
export function openSeed(staffId: string, sealed: string | null): Buffer | null {
  if (!sealed) return null;
  const plain = open(seedKey(), sealed, `staff:${staffId}`);
  return plain === null ? null : base32Decode(plain);
}

/** A recovery code as typed: case, spaces and hyphens do not matter. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code), "utf8").digest("hex");
}

/** Ten fresh codes, each 50 random bits written as "xxxxx-xxxxx" (base32, lower case). */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const text = base32Encode(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

/** Whether the text is shaped like an authenticator code (six digits) rather than a recovery code. */
export function looksLikeTotp(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ""));
}

/**
 * Checks a second factor for an account with two-factor sign-in on. A TOTP code must match a step
 * within ±1 of now that is later than the last step used (a replayed code fails); a recovery code
 * must be one of the account's unused ones, and is used up by this call. Returns which kind
 * passed, or null.
 */
export async function checkSecondFactor(
  db: Db,
  account: { id: string; totpSecret: string | null },
  code: string,
  now = new Date(),
): Promise<"totp" | "recovery" | null> {
  const typed = code.trim();
  if (typed.length === 0 || typed.length > 64) return null;
  if (looksLikeTotp(typed)) {
    const seed = openSeed(account.id, account.totpSecret);
    if (!seed) return null;
    const step = verifyTotp(seed, typed, now);
    if (step === null) return null;
    return (await claimTotpStep(db, account.id, step)) ? "totp" : null;
  }
  return (await spendRecoveryCode(db, account.id, hashRecoveryCode(typed), now)) ? "recovery" : null;
}
