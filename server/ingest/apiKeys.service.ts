import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../db";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { findApiKeyById, findApiKeyByPrefix, insertApiKey, markApiKeyRevoked, touchApiKey } from "./apiKeys.repo";
import type { CreateApiKeyInput } from "./apiKeys.schemas";

export interface Actor {
  id: string;
  email: string;
}

/*
 * A key looks like `stk_<10 hex>_<43 base64url>`. The `stk_<10 hex>` part is stored in clear as the
 * lookup prefix; the whole key is stored only as a SHA-256 hash. The secret carries 256 random
 * bits, so a fast hash is enough (no password-style stretching needed).
 */
const KEY_PATTERN = /^(stk_[0-9a-f]{10})_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): { key: string; prefix: string } {
  const prefix = `stk_${randomBytes(5).toString("hex")}`;
  return { key: `${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

/** Creates a key; the full key is in the result once and is never retrievable again. */
export async function createApiKey(db: Db, actor: Actor, input: CreateApiKeyInput) {
  const { key, prefix } = generateApiKey();
  return db.transaction(async (tx) => {
    const created = await insertApiKey(tx, {
      name: input.name,
      source: input.source,
      keyPrefix: prefix,
      keyHash: hashApiKey(key),
      createdBy: actor.id,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "api_key.create",
      target: created.name,
      detail: { id: created.id, source: created.source, prefix: created.keyPrefix },
    });
    return { ...created, key };
  });
}

export async function revokeApiKey(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const current = await findApiKeyById(tx, id);
    if (!current) throw new AppError("NOT_FOUND", "No API key with that id", "id");
    if (current.revokedAt) return current;
    const revoked = await markApiKeyRevoked(tx, id);
    if (!revoked) return current;
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "api_key.revoke",
      target: revoked.name,
      detail: { id: revoked.id, source: revoked.source, prefix: revoked.keyPrefix },
    });
    return revoked;
  });
}

export type ApiKeyCheck =
  | { ok: true; keyId: string; source: string }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" };

/** Checks a presented key and stamps `last_used_at` when it is good. */
export async function authenticateApiKey(db: Db, presented: string): Promise<ApiKeyCheck> {
  const match = KEY_PATTERN.exec(presented);
  if (!match?.[1]) return { ok: false, reason: "malformed" };
  const stored = await findApiKeyByPrefix(db, match[1]);
  if (!stored) return { ok: false, reason: "unknown" };
  const expected = Buffer.from(stored.keyHash, "hex");
  const actual = Buffer.from(hashApiKey(presented), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: "unknown" };
  if (stored.revokedAt) return { ok: false, reason: "revoked" };
  await touchApiKey(db, stored.id);
  return { ok: true, keyId: stored.id, source: stored.source };
}
