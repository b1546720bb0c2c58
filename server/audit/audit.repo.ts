import { and, count, desc, eq, ilike, lt, or, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { auditLog, staff } from "../db";

export interface AuditEntry {
  actorId?: string | null;
  actorEmail?: string | null;
  action: string;
  target?: string | null;
  detail?: Record<string, unknown>;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId ?? null,
    actorEmail: entry.actorEmail ?? null,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? {},
  });
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string;
  search?: string;
  before?: Date;
}

export async function listAudit(db: Db, query: AuditQuery) {
  const filters: SQL[] = [];
  if (query.action) filters.push(eq(auditLog.action, query.action));
  if (query.before) filters.push(lt(auditLog.createdAt, query.before));
  if (query.search) {
    const pattern = `%${query.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(auditLog.actorEmail, pattern), ilike(auditLog.target, pattern));
    if (match) filters.push(match);
  }
  const where = filters.length ? and(...filters) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        target: auditLog.target,
        detail: auditLog.detail,
        createdAt: auditLog.createdAt,
        actorEmail: auditLog.actorEmail,
        actorName: staff.name,
      })
      .from(auditLog)
      .leftJoin(staff, eq(staff.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function listAuditActions(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action);
  return rows.map((row) => row.action);
}
