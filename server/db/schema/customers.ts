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
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { productKind } from "./enums";

export const customers = pgTable(
  "customers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    externalId: text("external_id").notNull(),
    // Personal data: blanked when a customer is erased.
    displayName: text("display_name"),
    email: text("email"),
    phone: text("phone"),
    signupAt: timestamp("signup_at", { withTimezone: true }),
    acquisitionChannel: text("acquisition_channel"),
    region: text("region"),
    cityTier: smallint("city_tier"),
    ageBand: text("age_band"),
    device: text("device"),
    marketingConsent: boolean("marketing_consent").notNull().default(false),
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("customers_external_id_key").on(t.externalId),
    index("customers_signup_at_idx").on(t.signupAt),
    index("customers_acquisition_channel_idx").on(t.acquisitionChannel),
    index("customers_region_idx").on(t.region),
    index("customers_city_tier_idx").on(t.cityTier),
    index("customers_age_band_idx").on(t.ageBand),
    index("customers_device_idx").on(t.device),
    index("customers_erased_at_idx").on(t.erasedAt),
  ],
);

export const products = pgTable(
  "products",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    externalId: text("external_id").notNull(),
    kind: productKind("kind").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    category: text("category").notNull(),
    priceCents: integer("price_cents").notNull(),
    isFree: boolean("is_free").notNull().default(false),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_external_id_key").on(t.externalId),
    index("products_kind_idx").on(t.kind),
    index("products_category_idx").on(t.category),
    index("products_price_cents_idx").on(t.priceCents),
  ],
);

/** The feature values, shared by the live table and the build table a refresh writes first. */
const featureValueColumns = () => ({
  computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  // The reference time the features were computed "as of" (end of data for demo sets).
  asOf: timestamp("as_of", { withTimezone: true }).notNull(),
  recencyDays: real("recency_days"),
  frequency: integer("frequency").notNull().default(0),
  monetaryCents: bigint("monetary_cents", { mode: "number" }).notNull().default(0),
  rScore: smallint("r_score"),
  fScore: smallint("f_score"),
  mScore: smallint("m_score"),
  tenureDays: real("tenure_days"),
  sessions7d: integer("sessions_7d").notNull().default(0),
  sessions30d: integer("sessions_30d").notNull().default(0),
  sessions90d: integer("sessions_90d").notNull().default(0),
  browseMinutes7d: real("browse_minutes_7d").notNull().default(0),
  browseMinutes30d: real("browse_minutes_30d").notNull().default(0),
  browseMinutes90d: real("browse_minutes_90d").notNull().default(0),
  activeDays30d: integer("active_days_30d").notNull().default(0),
  purchaseCount: integer("purchase_count").notNull().default(0),
  avgOrderCents: real("avg_order_cents"),
  discountShare: real("discount_share"),
  refundRate: real("refund_rate"),
  completionRate: real("completion_rate"),
  progressVelocity: real("progress_velocity"),
  daysSinceLearning: real("days_since_learning"),
  stalledCourses: integer("stalled_courses").notNull().default(0),
  avgRating: real("avg_rating"),
  reviewSentiment: real("review_sentiment"),
  topCategories: jsonb("top_categories").$type<Array<{ category: string; share: number }>>().notNull().default(sql`'[]'::jsonb`),
  subscriptionStatus: text("subscription_status"),
  renewalCount: integer("renewal_count").notNull().default(0),
  priceSensitivity: real("price_sensitivity"),
  extra: jsonb("extra").$type<Record<string, number | null>>().notNull().default(sql`'{}'::jsonb`),
});

/**
 * One row of typed behaviour features per customer, rebuilt by the feature refresh job.
 * Null means "not applicable / no data" (e.g. no purchases yet): never silently zero.
 */
export const customerFeatures = pgTable(
  "customer_features",
  {
    customerId: bigint("customer_id", { mode: "number" })
      .primaryKey()
      .references(() => customers.id, { onDelete: "cascade" }),
    ...featureValueColumns(),
  },
  (t) => [
    index("customer_features_recency_days_idx").on(t.recencyDays),
    index("customer_features_monetary_cents_idx").on(t.monetaryCents),
    index("customer_features_frequency_idx").on(t.frequency),
    index("customer_features_rfm_idx").on(t.rScore, t.fScore, t.mScore),
    index("customer_features_subscription_status_idx").on(t.subscriptionStatus),
    // The features' as-of time (max over all rows) is every screen's reference time.
    index("customer_features_as_of_idx").on(t.asOf),
  ],
);

/**
 * Features being computed, keyed by build: a refresh (or training's point-in-time read) writes
 * its rows here chunk by chunk, in short transactions, then swaps them into customer_features in
 * one (or reads them and deletes them). Builds never see each other's rows.
 */
export const featureBuildRows = pgTable(
  "feature_build_rows",
  {
    buildId: text("build_id").notNull(),
    customerId: bigint("customer_id", { mode: "number" }).notNull(),
    ...featureValueColumns(),
  },
  (t) => [primaryKey({ columns: [t.buildId, t.customerId] })],
);
