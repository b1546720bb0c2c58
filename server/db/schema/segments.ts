import { sql } from "drizzle-orm";
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { segmentKind } from "./enums";
import { staff } from "./staff";

export const segments = pgTable(
  "segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    description: text("description"),
    kind: segmentKind("kind").notNull(),
    // Typed JSON (rule tree, preset name, model run + cluster, ...), validated by zod in server/segments.
    definition: jsonb("definition").$type<unknown>().notNull().default(sql`'{}'::jsonb`),
    memberCount: integer("member_count"),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => staff.id, { onDelete: "set null" }),
    updatedBy: uuid("updated_by").references(() => staff.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("segments_name_key").on(t.name),
    index("segments_kind_idx").on(t.kind),
    index("segments_created_by_idx").on(t.createdBy),
    index("segments_updated_by_idx").on(t.updatedBy),
    index("segments_updated_at_idx").on(t.updatedAt),
    index("segments_member_count_idx").on(t.memberCount),
  ],
);

export const segmentMembers = pgTable(
  "segment_members",
  {
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.segmentId, t.customerId] }),
    index("segment_members_customer_id_idx").on(t.customerId),
  ],
);

export const segmentSnapshots = pgTable(
  "segment_snapshots",
  {
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    snapshotDate: date("snapshot_date").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.snapshotDate] })],
);
