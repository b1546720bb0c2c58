import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  doublePrecision,
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
import { customers, products } from "./customers";
import type { CORRECTIONS, READOUT_METRICS, WINSORISE_OPTIONS } from "../../../lib/shared/vocabulary";
import { allocationMethod, campaignChannel, campaignGoal, campaignStatus } from "./enums";
import { segments } from "./segments";
import { staff } from "./staff";

export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    goal: campaignGoal("goal").notNull(),
    segmentId: uuid("segment_id").references(() => segments.id, { onDelete: "set null" }),
    channel: campaignChannel("channel").notNull(),
    status: campaignStatus("status").notNull().default("draft"),
    allocation: allocationMethod("allocation").notNull().default("fixed"),
    holdoutShare: real("holdout_share").notNull().default(0),
    // Per-campaign salt so hash assignment is stable for this campaign and independent of others.
    salt: text("salt").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }),
    endsAt: timestamp("ends_at", { withTimezone: true }),
    attributionDays: integer("attribution_days").notNull().default(14),
    // 'internal' for campaigns run here, 'imported' for results brought in from elsewhere.
    origin: text("origin").notNull().default("internal"),
    // Read-out options chosen at build time. primary_metric null: the goal decides (revenue goal →
    // revenue per customer, otherwise conversion); 'net_revenue' nets coupon cost and refunds out.
    primaryMetric: text("primary_metric").$type<(typeof READOUT_METRICS)[number]>(),
    correction: text("correction").$type<(typeof CORRECTIONS)[number]>().notNull().default("holm"),
    winsorise: text("winsorise").$type<(typeof WINSORISE_OPTIONS)[number]>().notNull().default("off"),
    createdBy: uuid("created_by").references(() => staff.id, { onDelete: "set null" }),
    approvedBy: uuid("approved_by").references(() => staff.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    // The target segment as it was submitted for approval: approval is refused if it changed since.
    submittedSegmentDefinition: jsonb("submitted_segment_definition").$type<unknown>(),
    submittedSegmentSize: integer("submitted_segment_size"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaigns_name_key").on(t.name),
    index("campaigns_segment_id_idx").on(t.segmentId),
    index("campaigns_status_idx").on(t.status),
    index("campaigns_goal_idx").on(t.goal),
    index("campaigns_starts_at_idx").on(t.startsAt),
    index("campaigns_created_by_idx").on(t.createdBy),
    index("campaigns_approved_by_idx").on(t.approvedBy),
    index("campaigns_created_at_idx").on(t.createdAt),
  ],
);

export const campaignVariants = pgTable(
  "campaign_variants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    isControl: boolean("is_control").notNull().default(false),
    weight: real("weight").notNull().default(1),
    message: text("message"),
    couponPercentOff: real("coupon_percent_off"),
    offerProductId: integer("offer_product_id").references(() => products.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("campaign_variants_campaign_key_key").on(t.campaignId, t.key),
    index("campaign_variants_offer_product_id_idx").on(t.offerProductId),
  ],
);

export const assignments = pgTable(
  "assignments",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    // Null for the global holdout.
    variantId: uuid("variant_id").references(() => campaignVariants.id, { onDelete: "cascade" }),
    isHoldout: boolean("is_holdout").notNull().default(false),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
    exposedAt: timestamp("exposed_at", { withTimezone: true }),
    interference: boolean("interference").notNull().default(false),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.customerId] }),
    index("assignments_customer_id_idx").on(t.customerId),
    index("assignments_variant_id_idx").on(t.variantId),
    index("assignments_assigned_at_idx").on(t.assignedAt),
  ],
);

/**
 * The live segments each assigned customer belonged to at the moment of assignment, so the
 * per-segment read-out splits the experiment by membership as it was at exposure, never by
 * segments made or refreshed afterwards (which the treatment itself may have moved people into).
 */
export const assignmentSegments = pgTable(
  "assignment_segments",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.segmentId, t.customerId] }),
    index("assignment_segments_customer_id_idx").on(t.customerId),
    index("assignment_segments_segment_id_idx").on(t.segmentId),
  ],
);

export const outcomes = pgTable(
  "outcomes",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    variantId: uuid("variant_id").references(() => campaignVariants.id, { onDelete: "cascade" }),
    converted: boolean("converted").notNull(),
    revenueCents: bigint("revenue_cents", { mode: "number" }).notNull().default(0),
    prePeriodValue: doublePrecision("pre_period_value"),
    observedAt: timestamp("observed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.customerId] }),
    index("outcomes_customer_id_idx").on(t.customerId),
    index("outcomes_variant_id_idx").on(t.variantId),
  ],
);
