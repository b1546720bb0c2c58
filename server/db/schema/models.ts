import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { modelTask, runStatus } from "./enums";
import { staff } from "./staff";

/** Every training run is a versioned row; only an explicit activation puts one in use. */
export const modelRuns = pgTable(
  "model_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    task: modelTask("task").notNull(),
    algorithm: text("algorithm").notNull(),
    version: integer("version").notNull(),
    status: runStatus("status").notNull().default("queued"),
    progress: real("progress").notNull().default(0),
    progressMessage: text("progress_message"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    metrics: jsonb("metrics").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    artifact: jsonb("artifact").$type<unknown>(),
    error: text("error"),
    isActive: boolean("is_active").notNull().default(false),
    trainedBy: uuid("trained_by").references(() => staff.id, { onDelete: "set null" }),
    activatedBy: uuid("activated_by").references(() => staff.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    activatedAt: timestamp("activated_at", { withTimezone: true }),
    // The queue job that trains this run (cancellation goes through it).
    jobId: uuid("job_id"),
    /** Structured progress for the UI: stage, iteration of total, ETA. */
    progressDetail: jsonb("progress_detail").$type<Record<string, unknown>>(),
    /** Point-in-time training: features as of the cutoff, labels from the window after it. */
    trainingCutoff: timestamp("training_cutoff", { withTimezone: true }),
    labelWindowDays: integer("label_window_days"),
    rowCount: integer("row_count"),
    features: jsonb("features").$type<string[]>(),
    durationMs: integer("duration_ms"),
  },
  (t) => [
    uniqueIndex("model_runs_task_version_idx").on(t.task, t.version),
    // At most one queued or running run per task: two retrain requests at once train once.
    uniqueIndex("model_runs_task_pending_idx").on(t.task).where(sql`status IN ('queued', 'running')`),
    index("model_runs_task_active_idx").on(t.task, t.isActive),
    index("model_runs_status_idx").on(t.status),
    index("model_runs_created_at_idx").on(t.createdAt),
    index("model_runs_trained_by_idx").on(t.trainedBy),
    index("model_runs_activated_by_idx").on(t.activatedBy),
  ],
);

/** Per-customer output of a run: a score (propensity, churn risk) and/or a cluster label. */
export const customerScores = pgTable(
  "customer_scores",
  {
    modelRunId: uuid("model_run_id")
      .notNull()
      .references(() => modelRuns.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    score: real("score"),
    cluster: integer("cluster"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    scoredAt: timestamp("scored_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.modelRunId, t.customerId] }),
    index("customer_scores_customer_id_idx").on(t.customerId),
    index("customer_scores_run_score_idx").on(t.modelRunId, t.score),
    index("customer_scores_run_cluster_idx").on(t.modelRunId, t.cluster),
  ],
);

/** The nightly retrain switch (one row); the worker's scheduler tick reads it. */
export const modelSchedule = pgTable(
  "model_schedule",
  {
  id: integer("id").primaryKey().default(1),
  nightly: boolean("nightly").notNull().default(false),
  /** UTC hour after which the day's retrain is enqueued. */
  hourUtc: integer("hour_utc").notNull().default(2),
  /** The last UTC day (YYYY-MM-DD) retrains were enqueued for; makes the tick idempotent. */
  lastEnqueuedOn: text("last_enqueued_on"),
  updatedBy: uuid("updated_by").references(() => staff.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("model_schedule_updated_by_idx").on(t.updatedBy)],
);
