import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { customers } from "./customers";

/**
 * Evaluation truth planted by the demo generator. Never read by feature engineering or
 * models: only tests and benchmarks compare model output against it.
 */
export const demoRuns = pgTable("demo_runs", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  seed: integer("seed").notNull(),
  customers: integer("customers").notNull(),
  days: integer("days").notNull(),
  startAt: timestamp("start_at", { withTimezone: true }).notNull(),
  endAt: timestamp("end_at", { withTimezone: true }).notNull(),
  churnCutoffAt: timestamp("churn_cutoff_at", { withTimezone: true }).notNull(),
  // Co-purchase tracks and per-persona true uplift, as planted.
  truth: jsonb("truth").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const demoCustomerTruth = pgTable(
  "demo_customer_truth",
  {
    customerId: bigint("customer_id", { mode: "number" })
      .primaryKey()
      .references(() => customers.id, { onDelete: "cascade" }),
    demoRunId: integer("demo_run_id")
      .notNull()
      .references(() => demoRuns.id, { onDelete: "cascade" }),
    persona: text("persona").notNull(),
    churnsAfterCutoff: boolean("churns_after_cutoff").notNull(),
    trueUplift: real("true_uplift").notNull(),
    track: text("track"),
  },
  (t) => [
    index("demo_customer_truth_demo_run_id_idx").on(t.demoRunId),
    index("demo_customer_truth_persona_idx").on(t.persona),
  ],
);
