import { and, asc, count, desc, eq, ilike, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { FEATURES_AS_OF, notErased, segmentMembers, segments, segmentSnapshots, selectRows } from "../db";
import { SEGMENT_FROM } from "./compile.sql";
import type { ListSegmentsInput } from "./segments.schemas";

/** The data's "now": the features' as-of time when features exist, else the wall clock. */
export async function findReferenceTime(db: Db): Promise<Date> {
  const rows = await selectRows<{ as_of: string | Date | null }>(db, sql`SELECT ${FEATURES_AS_OF} AS as_of`);
  const value = rows[0]?.as_of;
  return value ? new Date(value) : new Date();
}

/**
 * Behaviour conditions become hashed sets of customer ids; at 100,000 customers such a set needs
 * more than the default 4 MB of work_mem, without which Postgres rescans the set per customer.
 */
async function allowHashedSets(db: Db): Promise<void> {
  await db.execute(sql`SET LOCAL work_mem = '64MB'`);
}

export async function countMatching(db: Db, where: SQL): Promise<number> {
  return db.transaction(async (tx) => {
    await allowHashedSets(tx);
    const rows = await selectRows<{ n: number | string }>(tx, sql`SELECT count(*)::int AS n FROM ${SEGMENT_FROM} WHERE ${where}`);
    return Number(rows[0]?.n ?? 0);
  });
}

export interface PreviewRow {
  id: number;
  externalId: string;
  region: string | null;
  acquisitionChannel: string | null;
  signupAt: string | null;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
  monetaryCents: number | null;
}

/** A page of matching customers, without personal data (names, emails and phones stay out). */
export async function previewMatching(db: Db, where: SQL, page: number, pageSize: number): Promise<PreviewRow[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT c.id, c.external_id, c.region, c.acquisition_channel, c.signup_at, f.r_score, f.f_score, f.m_score, f.monetary_cents
        FROM ${SEGMENT_FROM} WHERE ${where} ORDER BY c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((row) => ({
    id: Number(row.id),
    externalId: String(row.external_id),
    region: (row.region as string | null) ?? null,
    acquisitionChannel: (row.acquisition_channel as string | null) ?? null,
    signupAt: row.signup_at ? new Date(row.signup_at as string).toISOString() : null,
    rScore: num(row.r_score),
    fScore: num(row.f_score),
    mScore: num(row.m_score),
    monetaryCents: num(row.monetary_cents),
  }));
}

export async function rfmCellCounts(db: Db): Promise<Array<{ rScore: number; fScore: number; count: number }>> {
  const rows = await selectRows<{ r: number; f: number; n: number }>(
    db,
    sql`SELECT f.r_score AS r, f.f_score AS f, count(*)::int AS n
        FROM customer_features f JOIN customers c ON c.id = f.customer_id
        WHERE ${notErased("c")} AND f.r_score IS NOT NULL AND f.f_score IS NOT NULL
        GROUP BY f.r_score, f.f_score ORDER BY f.r_score, f.f_score`,
  );
  return rows.map((row) => ({ rScore: Number(row.r), fScore: Number(row.f), count: Number(row.n) }));
}

type SegmentInsert = typeof segments.$inferInsert;
export type SegmentRow = typeof segments.$inferSelect;

/** Returns undefined when the name is taken (the unique index decides, not a racy pre-check). */
export async function insertSegment(db: Db, values: SegmentInsert): Promise<SegmentRow | undefined> {
  const [row] = await db.insert(segments).values(values).onConflictDoNothing({ target: segments.name }).returning();
  return row;
}

export async function findSegment(db: Db, id: string): Promise<SegmentRow | undefined> {
  const [row] = await db.select().from(segments).where(eq(segments.id, id));
  return row;
}

/** The live (not archived) segment with this name. */
export async function findLiveSegmentByName(db: Db, name: string): Promise<{ id: string } | undefined> {
  const [row] = await db
    .select({ id: segments.id })
    .from(segments)
    .where(and(eq(segments.name, name), isNull(segments.archivedAt)))
    .limit(1);
  return row;
}

export async function nameTakenByOther(db: Db, name: string, id: string): Promise<boolean> {
  const [row] = await db.select({ id: segments.id }).from(segments).where(and(eq(segments.name, name), ne(segments.id, id)));
  return row !== undefined;
}

export async function updateSegmentRow(db: Db, id: string, patch: Partial<SegmentInsert>): Promise<SegmentRow | undefined> {
  const [row] = await db.update(segments).set(patch).where(eq(segments.id, id)).returning();
  return row;
}

const SORTS = { name: segments.name, size: segments.memberCount, updated: segments.updatedAt, refreshed: segments.lastRefreshedAt } as const;

/** LIKE wildcards in the search text match themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

export async function listSegmentRows(db: Db, query: ListSegmentsInput) {
  const where = and(
    query.includeArchived ? undefined : isNull(segments.archivedAt),
    query.kind ? eq(segments.kind, query.kind) : undefined,
    query.search ? ilike(segments.name, likePattern(query.search)) : undefined,
  );
  const column = SORTS[query.sort];
  const order = query.direction === "asc" ? sql`${column} ASC NULLS FIRST` : sql`${column} DESC NULLS LAST`;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(segments)
      .where(where)
      .orderBy(order, asc(segments.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(segments).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Every segment, archived ones included. */
export async function countSegments(db: Db): Promise<number> {
  const [row] = await db.select({ total: count() }).from(segments);
  return row?.total ?? 0;
}

export async function listLiveSegmentIds(db: Db): Promise<string[]> {
  const rows = await db.select({ id: segments.id }).from(segments).where(isNull(segments.archivedAt)).orderBy(asc(segments.name));
  return rows.map((row) => row.id);
}

/** Replaces the member list with the customers matching `where`; returns how many there are. */
export async function replaceMembers(db: Db, id: string, where: SQL): Promise<number> {
  // Called inside the refresh transaction, so the setting ends with it.
  await allowHashedSets(db);
  await db.execute(sql`DELETE FROM segment_members WHERE segment_id = ${id}`);
  const rows = await selectRows<{ customer_id: number }>(
    db,
    sql`INSERT INTO segment_members (segment_id, customer_id)
        SELECT ${id}::uuid, c.id FROM ${SEGMENT_FROM} WHERE ${where} RETURNING customer_id`,
  );
  return rows.length;
}

export async function upsertSnapshot(db: Db, id: string, day: string, size: number): Promise<void> {
  await db
    .insert(segmentSnapshots)
    .values({ segmentId: id, snapshotDate: day, size })
    .onConflictDoUpdate({ target: [segmentSnapshots.segmentId, segmentSnapshots.snapshotDate], set: { size } });
}

export async function listSnapshots(db: Db, id: string) {
  return db
    .select({ day: segmentSnapshots.snapshotDate, size: segmentSnapshots.size })
    .from(segmentSnapshots)
    .where(eq(segmentSnapshots.segmentId, id))
    .orderBy(desc(segmentSnapshots.snapshotDate))
    .limit(365);
}

/** Members of A only, of both, and of B only (erased customers left out). */
export async function overlapCounts(db: Db, a: string, b: string) {
  const rows = await selectRows<{ a_only: number; both: number; b_only: number }>(
    db,
    sql`WITH m AS (
          SELECT sm.customer_id, bool_or(sm.segment_id = ${a}::uuid) AS in_a, bool_or(sm.segment_id = ${b}::uuid) AS in_b
          FROM segment_members sm JOIN customers c ON c.id = sm.customer_id
          WHERE sm.segment_id IN (${a}::uuid, ${b}::uuid) AND ${notErased("c")}
          GROUP BY sm.customer_id)
        SELECT count(*) FILTER (WHERE in_a AND NOT in_b)::int AS a_only,
               count(*) FILTER (WHERE in_a AND in_b)::int AS both,
               count(*) FILTER (WHERE in_b AND NOT in_a)::int AS b_only
        FROM m`,
  );
  const row = rows[0];
  return { aOnly: Number(row?.a_only ?? 0), both: Number(row?.both ?? 0), bOnly: Number(row?.b_only ?? 0) };
}

/** Adds customers to a segment's member list, in batches (the caller rebuilds its daily sums). */
export async function insertMembers(db: Db, segmentId: string, customerIds: readonly number[], batchSize = 10_000): Promise<void> {
  for (let i = 0; i < customerIds.length; i += batchSize) {
    await db.insert(segmentMembers).values(customerIds.slice(i, i + batchSize).map((customerId) => ({ segmentId, customerId })));
  }
}
