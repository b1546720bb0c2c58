import { and, asc, count, desc, eq, ilike, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { staff } from "../db";
import type { Role } from "../auth";
import type { ListStaffInput } from "./staff.schemas";
import { forgetSessionStaff } from "../auth";

export type StaffRow = typeof staff.$inferSelect;

const publicColumns = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  disabled: staff.disabled,
  failedLoginCount: staff.failedLoginCount,
  lockedUntil: staff.lockedUntil,
  lastLoginAt: staff.lastLoginAt,
  mustChangePassword: staff.mustChangePassword,
  /** When two-factor sign-in was turned on (null: off or not confirmed); never the secret itself. */
  twoFactorSince: staff.totpEnabledAt,
  createdAt: staff.createdAt,
};

export async function findStaffByEmail(db: Db, email: string): Promise<StaffRow | undefined> {
  const rows = await db.select().from(staff).where(eq(staff.email, email.trim().toLowerCase())).limit(1);
  return rows[0];
}

export async function findStaffById(db: Db, id: string) {
  const rows = await db.select(publicColumns).from(staff).where(eq(staff.id, id)).limit(1);
  return rows[0];
}

export async function insertStaff(db: Db, values: { email: string; name: string; role: Role; passwordHash: string; mustChangePassword: boolean }) {
  const rows = await db
    .insert(staff)
    .values({ ...values, email: values.email.trim().toLowerCase() })
    .onConflictDoNothing({ target: staff.email })
    .returning(publicColumns);
  return rows[0];
}

export async function listStaff(db: Db, query: ListStaffInput) {
  const pattern = query.search ? `%${query.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const where = pattern ? or(ilike(staff.email, pattern), ilike(staff.name, pattern)) : undefined;
  const sortColumn = {
    name: staff.name,
    email: staff.email,
    role: staff.role,
    createdAt: staff.createdAt,
    lastLoginAt: staff.lastLoginAt,
  }[query.sort];
  const order = query.direction === "asc" ? asc(sortColumn) : desc(sortColumn);
  const [rows, totals] = await Promise.all([
    db
      .select(publicColumns)
      .from(staff)
      .where(where)
      .orderBy(order, asc(staff.email))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(staff).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

export async function countActiveAdmins(db: Db, excludingId?: string): Promise<number> {
  const conditions = [eq(staff.role, "admin"), eq(staff.disabled, false)];
  if (excludingId) conditions.push(ne(staff.id, excludingId));
  const rows = await db.select({ total: count() }).from(staff).where(and(...conditions));
  return rows[0]?.total ?? 0;
}

/**
 * Writes a staff row. `endSessions` raises the session version in the same statement, so every
 * session the account holds is refused from its next request (role change, disable, password change).
 */
export async function updateStaff(
  db: Db,
  id: string,
  changes: Partial<Pick<StaffRow, "role" | "disabled" | "failedLoginCount" | "lockedUntil" | "lastLoginAt" | "passwordHash" | "name" | "mustChangePassword">>,
  options: { endSessions?: boolean } = {},
) {
  const rows = await db
    .update(staff)
    .set({ ...changes, ...(options.endSessions ? { sessionVersion: sql`${staff.sessionVersion} + 1` } : {}), updatedAt: sql`now()` })
    .where(eq(staff.id, id))
    .returning(publicColumns);
  forgetSessionStaff(id);
  return rows[0];
}
