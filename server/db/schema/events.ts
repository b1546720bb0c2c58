import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { customers, products } from "./customers";
import { eventType } from "./enums";

export const events = pgTable(
  "events",
  {
    // Surrogate only: nothing may depend on its order or value (see DESIGN.md, scale-out path).
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    source: text("source").notNull(),
    externalEventId: text("external_event_id").notNull(),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    type: eventType("type").notNull(),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    amountCents: bigint("amount_cents", { mode: "number" }),
    durationSeconds: integer("duration_seconds"),
    progress: real("progress"),
    rating: smallint("rating"),
    reviewText: text("review_text"),
    extra: jsonb("extra").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ingestedAt: timestamp("ingested_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("events_source_external_event_id_key").on(t.source, t.externalEventId),
    index("events_customer_id_occurred_at_idx").on(t.customerId, t.occurredAt),
    index("events_type_occurred_at_idx").on(t.type, t.occurredAt),
    // Segment behaviour conditions ("did X at least N times in the last D days") read only this
    // index: the customer and product ride along, so no heap fetch per matching event.
    index("events_type_occurred_at_customer_product_idx").on(t.type, t.occurredAt, t.customerId, t.productId),
    index("events_product_id_idx").on(t.productId),
    // Time windows ("active in the last 30 days") read the customer from the index alone.
    index("events_occurred_at_customer_id_idx").on(t.occurredAt, t.customerId),
    // The few outcome events (a few per cent of all) per customer, with product and amount: the
    // drill-down's conversion, revenue, renewal, top products and baskets read this index alone.
    index("events_outcomes_by_customer_idx")
      .on(t.customerId, t.type, t.productId, t.amountCents)
      .where(sql`"type" IN ('purchase', 'refund', 'subscribe', 'renew')`),
  ],
);
