import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { runStatus } from "./enums";
import { staff } from "./staff";

/**
 * The durable job queue: rows claimed with FOR UPDATE SKIP LOCKED by any number of workers,
 * retried with backoff, progress written back for the UI to read.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<unknown>().notNull().default(sql`'{}'::jsonb`),
    status: runStatus("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    lockedBy: text("locked_by"),
    progress: real("progress").notNull().default(0),
    progressMessage: text("progress_message"),
    result: jsonb("result").$type<unknown>(),
    error: text("error"),
    createdBy: uuid("created_by").references(() => staff.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_status_run_at_idx").on(t.status, t.runAt),
    index("jobs_kind_idx").on(t.kind),
    index("jobs_created_at_idx").on(t.createdAt),
    index("jobs_created_by_idx").on(t.createdBy),
  ],
);
