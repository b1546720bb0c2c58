import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { apiKeys, staff } from "../db";
import type { ListApiKeysInput } from "./apiKeys.schemas";

/** Everything about a key except its hash, which never leaves the server. */
const publicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  source: apiKeys.source,
  keyPrefix: apiKeys.keyPrefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};



export async function insertApiKey(
  db: Db,
  values: { name: string; source: string; keyPrefix: string; keyHash: string; createdBy: string | null },
) {
  const rows = await db.insert(apiKeys).values(values).returning(publicColumns);
  const row = rows[0];
  if (!row) throw new Error("INSERT INTO api_keys returned no row");
  return row;
}

export async function findApiKeyById(db: Db, id: string) {
  const rows = await db.select(publicColumns).from(apiKeys).where(eq(apiKeys.id, id)).limit(1);
  return rows[0];
}

export async function findApiKeyByPrefix(db: Db, keyPrefix: string) {
  const rows = await db
    .select({ id: apiKeys.id, source: apiKeys.source, keyHash: apiKeys.keyHash, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyPrefix, keyPrefix))
    .limit(1);
  return rows[0];
}

export async function markApiKeyRevoked(db: Db, id: string) {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning(publicColumns);
  return rows[0];
}

export async function touchApiKey(db: Db, id: string): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, id));
}

const sortColumns = {
  name: apiKeys.name,
  source: apiKeys.source,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
} as const;

export async function listApiKeys(db: Db, query: ListApiKeysInput) {
  const where = query.includeRevoked ? undefined : isNull(apiKeys.revokedAt);
  const column = sortColumns[query.sort];
  // Never-used keys sort last whichever way lastUsedAt is ordered.
  const primary = query.direction === "asc" ? sql`${column} ASC NULLS LAST` : sql`${column} DESC NULLS LAST`;
  const [rows, totals] = await Promise.all([
    db
      .select({ ...publicColumns, createdByEmail: staff.email })
      .from(apiKeys)
      .leftJoin(staff, eq(staff.id, apiKeys.createdBy))
      .where(where)
      .orderBy(primary, query.direction === "asc" ? asc(apiKeys.id) : desc(apiKeys.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(apiKeys).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}
