import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { contactable, notErased, selectRows } from "../db";
import type { SizeSnapshot } from "./power-plan";

export interface SegmentSupply {
  /** Members now, erased customers left out. */
  members: number;
  /** Members now who may be contacted (consent given, not erased): whom a launch would assign. */
  eligible: number;
  /** The daily size snapshots of the last `windowDays` days before the latest one, oldest first. */
  snapshots: SizeSnapshot[];
}

/**
 * What a segment could feed a test: its members, the contactable ones among them (the same rule
 * the assignment applies), and its recent size history. Undefined when no segment has that id.
 */
export async function segmentSupply(db: Db, segmentId: string, windowDays = 28): Promise<SegmentSupply | undefined> {
  const counts = await selectRows<{ members: number | string; eligible: number | string }>(
    db,
    sql`SELECT count(c.id) FILTER (WHERE ${notErased("c")})::int AS members,
               count(c.id) FILTER (WHERE ${contactable("c")})::int AS eligible
        FROM segments s
        LEFT JOIN segment_members sm ON sm.segment_id = s.id
        LEFT JOIN customers c ON c.id = sm.customer_id
        WHERE s.id = ${segmentId}::uuid
        GROUP BY s.id`,
  );
  const row = counts[0];
  if (!row) return undefined;
  const history = await selectRows<{ day: string; size: number | string }>(
    db,
    sql`SELECT to_char(snapshot_date, 'YYYY-MM-DD') AS day, size
        FROM segment_snapshots
        WHERE segment_id = ${segmentId}::uuid
          AND snapshot_date >= (SELECT max(snapshot_date) FROM segment_snapshots WHERE segment_id = ${segmentId}::uuid) - ${windowDays}::int
        ORDER BY snapshot_date`,
  );
  return { members: Number(row.members), eligible: Number(row.eligible), snapshots: history.map((h) => ({ day: h.day, size: Number(h.size) })) };
}
