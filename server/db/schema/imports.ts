import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * How far a CSV import has published, written in the same transaction as each published chunk.
 * A killed import resumes after the last committed chunk with exact counts, so an import that
 * passed its check always lands whole, however often its process dies.
 */
export const importCheckpoints = pgTable("import_checkpoints", {
  importKey: text("import_key").primaryKey(),
  /** Data rows of the file covered by committed chunks, in file order. */
  rowsPublished: integer("rows_published").notNull().default(0),
  /** The running totals (inserted, updated, duplicates, erased lines) as of that row. */
  totals: jsonb("totals").$type<unknown>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
