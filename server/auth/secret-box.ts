import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/*
 * Encryption at rest for small secrets the server must read back (the TOTP seed): AES-256-GCM
 * with a key derived from NEXTAUTH_SECRET by HKDF-SHA-256, so a copy of the database alone (a
 * backup, a dump) does not hold usable authenticator seeds. Pure: the caller passes the secret.
 * Changing NEXTAUTH_SECRET makes stored seeds unreadable: those accounts sign in with a recovery
 * code or have an admin reset their two-factor sign-in.
 */

const VERSION = "v1";
const SALT = "stratum/secret-box";

/** The 32-byte key for one purpose (`info`), derived from the app's signing secret. */
export function deriveKey(appSecret: string, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(appSecret, "utf8"), Buffer.from(SALT, "utf8"), Buffer.from(info, "utf8"), 32));
}

/** `v1.<iv>.<tag>.<ciphertext>`, each base64url; `context` (the staff id, say) is bound as associated data. */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plaintext, or null when the box was sealed with another key or context, or was altered. */
export function open(key: Buffer, sealed: string, context: string): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
