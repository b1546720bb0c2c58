import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../server/api/root";
import type { Database } from "../../server/db/client";
import { authenticateApiKey, hashApiKey } from "../../server/ingest/apiKeys.service";
import { createStaff } from "../../server/staff/staff.service";
import { engineUnderTest, openTestDatabase, truncateAll } from "../support/db";

describe(`API key administration (${engineUnderTest})`, () => {
  let database: Database;
  let admin: ReturnType<typeof createCaller>;
  let marketer: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    database = await openTestDatabase();
    await truncateAll(database);
    const root = await createStaff(database.db, null, { email: "root@example.com", name: "Root", role: "admin", password: "root password 1" });
    admin = createCaller({ db: database.db, user: { id: root.id, email: root.email, name: root.name, role: "admin" } });
    marketer = createCaller({ db: database.db, user: { id: root.id, email: "m@example.com", name: "M", role: "marketer" } });
  });
  afterAll(async () => {
    await database.close();
  });

  it("creates a key shown once, stores only its hash, lists and revokes it, auditing both", async () => {
    const created = await admin.apiKeys.create({ name: "  Mini program ", source: "WeChat-Mini" });
    expect(created.name).toBe("Mini program");
    expect(created.source).toBe("wechat-mini");
    expect(created.key).toMatch(/^stk_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.keyPrefix)).toBe(true);

    const stored = await database.query<{ key_hash: string; key_prefix: string }>(`SELECT key_hash, key_prefix FROM api_keys WHERE id = $1`, [created.id]);
    expect(stored).toEqual([{ key_hash: hashApiKey(created.key), key_prefix: created.keyPrefix }]);
    const anywhere = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE detail::text LIKE $1`, [`%${created.key}%`]);
    expect(anywhere[0]?.n).toBe(0);

    const listed = await admin.apiKeys.list({});
    expect(listed.total).toBe(1);
    expect(listed.rows[0]).toMatchObject({ id: created.id, name: "Mini program", source: "wechat-mini", keyPrefix: created.keyPrefix, revokedAt: null, lastUsedAt: null, createdByEmail: "root@example.com" });
    expect(Object.keys(listed.rows[0] ?? {})).not.toContain("keyHash");
    expect(Object.keys(listed.rows[0] ?? {})).not.toContain("key");

    expect(await authenticateApiKey(database.db, created.key)).toEqual({ ok: true, keyId: created.id, source: "wechat-mini" });
    const revoked = await admin.apiKeys.revoke({ id: created.id });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    // Revoking twice is harmless and audited once.
    await admin.apiKeys.revoke({ id: created.id });
    expect(await authenticateApiKey(database.db, created.key)).toEqual({ ok: false, reason: "revoked" });

    const audit = await database.query<{ action: string; target: string; actor_email: string; source: string }>(
      `SELECT action, target, actor_email, detail->>'source' AS source FROM audit_log WHERE action LIKE 'api_key.%' ORDER BY id`,
    );
    expect(audit).toEqual([
      { action: "api_key.create", target: "Mini program", actor_email: "root@example.com", source: "wechat-mini" },
      { action: "api_key.revoke", target: "Mini program", actor_email: "root@example.com", source: "wechat-mini" },
    ]);
    const active = await admin.apiKeys.list({ includeRevoked: false });
    expect(active.total).toBe(0);
  });

  it("names the field on bad input and refuses roles without data.import", async () => {
    await expect(admin.apiKeys.create({ name: "", source: "app" })).rejects.toThrow("name is required");
    await expect(admin.apiKeys.create({ name: "x", source: "has spaces" })).rejects.toThrow(/source must be/);
    await expect(admin.apiKeys.revoke({ id: "00000000-0000-4000-8000-000000000001" })).rejects.toThrow("No API key with that id");
    const refused = await marketer.apiKeys.list({}).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("FORBIDDEN");
  });
});
