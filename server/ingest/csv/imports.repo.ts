import { count, desc, eq } from "drizzle-orm";
import type { Db } from "../../db";
import { jobs, staff } from "../../db";

/** Recent import jobs with who started them, newest first. */
export async function listImportJobs(db: Db, kind: string, page: number, pageSize: number) {
  const [rows, totals] = await Promise.all([
    db
      .select({
        id: jobs.id,
        status: jobs.status,
        progress: jobs.progress,
        payload: jobs.payload,
        result: jobs.result,
        error: jobs.error,
        createdAt: jobs.createdAt,
        finishedAt: jobs.finishedAt,
        createdByEmail: staff.email,
      })
      .from(jobs)
      .leftJoin(staff, eq(staff.id, jobs.createdBy))
      .where(eq(jobs.kind, kind))
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(jobs).where(eq(jobs.kind, kind)),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}
