import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), the kind every authenticator app
 * (Google Authenticator, 1Password, Microsoft Authenticator, FreeOTP) reads from an otpauth:// URI:
 * HMAC-SHA-1, 6 digits, a 30-second step. Pure: data in, data out.
 */

export const TOTP_DIGITS = 6;
export const TOTP_STEP_SECONDS = 30;
/** Steps either side of the current one still accepted (clock drift, a code typed as it changes). */
export const TOTP_WINDOW = 1;
/** 160 bits, the HMAC-SHA-1 block-friendly length RFC 4226 recommends. */
export const TOTP_SECRET_BYTES = 20;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding (what otpauth:// URIs carry). */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Reads base32 as people type it: any case, spaces, hyphens and trailing "=" padding ignored. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s-]/g, "").replace(/=+$/, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`Not a base32 character: ${JSON.stringify(char)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226: HMAC-SHA-1 of the 8-byte big-endian counter, dynamically truncated to `digits`. */
export function hotp(secret: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac("sha1", secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, "0");
}

/** The time step (counter) a moment falls in. */
export function totpStep(at: Date | number, stepSeconds = TOTP_STEP_SECONDS): number {
  const ms = typeof at === "number" ? at : at.getTime();
  return Math.floor(ms / 1000 / stepSeconds);
}

/** RFC 6238: the code for a moment (`at` as a Date or epoch milliseconds). */
export function totp(secret: Uint8Array, at: Date | number = Date.now(), digits = TOTP_DIGITS, stepSeconds = TOTP_STEP_SECONDS): string {
  return hotp(secret, totpStep(at, stepSeconds), digits);
}

/**
 * The step a typed code belongs to, within ±`window` steps of `at`, or null. The caller refuses a
 * step already used (a replayed code), so the step, not a boolean, is returned.
 */
export function verifyTotp(secret: Uint8Array, code: string, at: Date | number = Date.now(), window = TOTP_WINDOW): number | null {
  const typed = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(typed)) return null;
  const current = totpStep(at);
  let found: number | null = null;
  // Every candidate is compared (constant work whichever matches).
  for (let step = current - window; step <= current + window; step++) {
    if (step < 0) continue;
    const expected = Buffer.from(hotp(secret, step));
    if (timingSafeEqual(expected, Buffer.from(typed)) && found === null) found = step;
  }
  return found;
}

export function generateTotpSecret(): Buffer {
  return randomBytes(TOTP_SECRET_BYTES);
}

/** The key-URI an authenticator app imports (https://github.com/google/google-authenticator/wiki/Key-Uri-Format). */
export function otpauthUri(params: { secret: string; account: string; issuer: string }): string {
  const label = `${encodeURIComponent(params.issuer)}:${encodeURIComponent(params.account)}`;
  const query = new URLSearchParams({
    secret: params.secret,
    issuer: params.issuer,
    algorithm: "SHA1",
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${query.toString()}`;
}
