import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";
import { rollupStatus } from "./rollup.repo";

/** What the filter bar offers: live segments, acquisition channels and the rolled-up date span. */
export async function filterOptions(db: Db) {
  const segments = await selectRows<{ id: string; name: string; member_count: number | null }>(
    db,
    sql`SELECT id, name, member_count FROM segments WHERE archived_at IS NULL ORDER BY name`,
  );
  const channels = await selectRows<{ channel: string }>(
    db,
    sql`SELECT DISTINCT acquisition_channel AS channel FROM customers WHERE acquisition_channel IS NOT NULL ORDER BY 1`,
  );
  const [span] = await selectRows<{ first: string | null; last: string | null }>(db, sql`SELECT min(day)::text AS first, max(day)::text AS last FROM kpi_customer_day`);
  return {
    segments: segments.map((s) => ({ id: String(s.id), name: String(s.name), members: s.member_count === null ? null : Number(s.member_count) })),
    channels: channels.map((c) => String(c.channel)),
    firstDay: span?.first ? String(span.first).slice(0, 10) : null,
    lastDay: span?.last ? String(span.last).slice(0, 10) : null,
    rollup: await rollupStatus(db),
  };
}
