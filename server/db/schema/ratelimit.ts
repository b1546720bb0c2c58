import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Fixed-window request counters shared by every server instance (sign-in per IP and per
 * account, ingestion per API key and per IP). One row per bucket and window; the hit is counted
 * and read back in one INSERT ... ON CONFLICT DO UPDATE ... RETURNING, so parallel requests
 * cannot both see the old count. Buckets hold hashes, never an e-mail address or a key.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(1),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index("rate_limit_counters_expires_at_idx").on(t.expiresAt)],
);
