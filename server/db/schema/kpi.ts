import { bigint, customType, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers";
import { segments } from "./segments";

/**
 * Pre-aggregated activity per customer and UTC day, rebuilt incrementally by the `kpi.rollup` job
 * (only the days touched by newly ingested events). Every overview panel reads this instead of
 * the raw events table; counts are event counts of that type on that day.
 */
export const kpiCustomerDay = pgTable(
  "kpi_customer_day",
  {
    day: date("day").notNull(),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    events: integer("events").notNull().default(0),
    sessions: integer("sessions").notNull().default(0),
    views: integer("views").notNull().default(0),
    clicks: integer("clicks").notNull().default(0),
    purchases: integer("purchases").notNull().default(0),
    paidPurchases: integer("paid_purchases").notNull().default(0),
    couponPurchases: integer("coupon_purchases").notNull().default(0),
    grossCents: bigint("gross_cents", { mode: "number" }).notNull().default(0),
    refunds: integer("refunds").notNull().default(0),
    refundCents: bigint("refund_cents", { mode: "number" }).notNull().default(0),
    enrols: integer("enrols").notNull().default(0),
    freeEnrols: integer("free_enrols").notNull().default(0),
    learning: integer("learning").notNull().default(0),
    completes: integer("completes").notNull().default(0),
    subscribes: integer("subscribes").notNull().default(0),
    trials: integer("trials").notNull().default(0),
    renews: integer("renews").notNull().default(0),
    cancels: integer("cancels").notNull().default(0),
    subscriptionCents: bigint("subscription_cents", { mode: "number" }).notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.customerId] }),
    index("kpi_customer_day_customer_idx").on(t.customerId, t.day),
    // Covers the segment-filtered daily totals (a day range semi-joined to segment members) with
    // an index-only scan: a third of the work of reading the wide heap rows.
    index("kpi_customer_day_daily_cover_idx").on(t.day, t.customerId, t.grossCents, t.refundCents, t.paidPurchases, t.refunds, t.renews, t.cancels, t.learning, t.completes),
  ],
);

/** The same activity per customer and calendar month: cohort triangles and LTV read this. */
export const kpiCustomerMonth = pgTable(
  "kpi_customer_month",
  {
    month: date("month").notNull(),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    activeDays: integer("active_days").notNull().default(0),
    netCents: bigint("net_cents", { mode: "number" }).notNull().default(0),
    // Day-of-month bit masks (bit d-1 set when the customer did this on day d): distinct customers
    // over any date range come from one row per customer and month instead of one per day.
    activeMask: integer("active_mask").notNull().default(0),
    payingMask: integer("paying_mask").notNull().default(0),
    learningMask: integer("learning_mask").notNull().default(0),
    completingMask: integer("completing_mask").notNull().default(0),
    viewMask: integer("view_mask").notNull().default(0),
    clickMask: integer("click_mask").notNull().default(0),
    purchaseMask: integer("purchase_mask").notNull().default(0),
    renewMask: integer("renew_mask").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.customerId] }), index("kpi_customer_month_customer_idx").on(t.customerId)],
);

/** A Postgres `bit varying`, read and written as a string of 0s and 1s. */
const varbit = customType<{ data: string }>({ dataType: () => "bit varying" });

/**
 * One row per customer with a day bitmap per kind of activity: bit n (from the left) is set when
 * the customer did it on day epoch + n (epoch in kpi_rollup_state.timeline_epoch). Distinct
 * customers over any date range, and the strict funnel's intersections, are then one filtered
 * count over one row per customer: no grouping of per-day or per-month rows at query time.
 * Rebuilt per customer by the rollup job for the customers active on the re-rolled days.
 */
export const kpiCustomerTimeline = pgTable("kpi_customer_timeline", {
  customerId: bigint("customer_id", { mode: "number" })
    .primaryKey()
    .references(() => customers.id, { onDelete: "cascade" }),
  active: varbit("active").notNull(),
  paying: varbit("paying").notNull(),
  learning: varbit("learning").notNull(),
  completing: varbit("completing").notNull(),
  viewed: varbit("viewed").notNull(),
  clicked: varbit("clicked").notNull(),
  purchased: varbit("purchased").notNull(),
  renewed: varbit("renewed").notNull(),
});

/** The additive daily sums shared by the channel and segment daily totals (fresh builders per table). */
function dailySumColumns() {
  return {
    active: integer("active").notNull(),
    paying: integer("paying").notNull(),
    learners: integer("learners").notNull(),
    completers: integer("completers").notNull(),
    grossCents: bigint("gross_cents", { mode: "number" }).notNull(),
    refundCents: bigint("refund_cents", { mode: "number" }).notNull(),
    paidPurchases: integer("paid_purchases").notNull(),
    refunds: integer("refunds").notNull(),
    renews: integer("renews").notNull(),
    cancels: integer("cancels").notNull(),
  };
}

/**
 * Daily totals per acquisition channel ('' when unknown): the additive sums and per-day customer
 * counts of kpi_customer_day, so unfiltered and channel-filtered series read a few rows per day.
 */
export const kpiDayTotals = pgTable(
  "kpi_day_totals",
  {
    day: date("day").notNull(),
    channel: text("channel").notNull(),
    ...dailySumColumns(),
  },
  (t) => [primaryKey({ columns: [t.day, t.channel] })],
);

/**
 * First days per customer (first activity, first paid purchase, first free enrolment, first
 * trial, first paid subscription term), kept by the rollup job for the conversion KPIs.
 */
export const kpiCustomerFirst = pgTable("kpi_customer_first", {
  customerId: bigint("customer_id", { mode: "number" })
    .primaryKey()
    .references(() => customers.id, { onDelete: "cascade" }),
  firstDay: date("first_day").notNull(),
  firstPaidDay: date("first_paid_day"),
  firstFreeEnrolDay: date("first_free_enrol_day"),
  firstTrialDay: date("first_trial_day"),
  firstPaidSubscriptionDay: date("first_paid_subscription_day"),
  /** Net revenue over the 12 months up to the latest rolled-up month: the churn list's value at stake. */
  trailingNetCents: bigint("trailing_net_cents", { mode: "number" }).notNull().default(0),
  /**
   * Cohort day (signup day, else first_day) and acquisition channel ('' when unknown) as of the
   * last rollup: the weekly cohort rollup notices customers whose cohort or channel moved.
   */
  cohortDay: date("cohort_day"),
  channel: text("channel"),
}, (t) => [
  index("kpi_customer_first_cohort_day_idx").on(t.cohortDay),
  index("kpi_customer_first_first_day_idx").on(t.firstDay),
  index("kpi_customer_first_free_enrol_idx").on(t.firstFreeEnrolDay),
  index("kpi_customer_first_trial_idx").on(t.firstTrialDay),
]);

/**
 * Monthly retention and revenue per signup cohort and channel, pre-aggregated from
 * kpi_customer_month (rebuilt in full by the rollup job): the unfiltered and channel-filtered
 * cohort triangle reads a few hundred rows.
 */
export const kpiCohortMonth = pgTable(
  "kpi_cohort_month",
  {
    cohort: date("cohort").notNull(),
    month: date("month").notNull(),
    channel: text("channel").notNull(),
    active: integer("active").notNull(),
    netCents: bigint("net_cents", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohort, t.month, t.channel] })],
);

/** Customers per signup cohort (month) and channel, next to kpi_cohort_month. */
export const kpiCohortSize = pgTable(
  "kpi_cohort_size",
  {
    cohort: date("cohort").notNull(),
    channel: text("channel").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohort, t.channel] })],
);

/**
 * Weekly retention and revenue per signup cohort week and channel (weeks start on Monday):
 * customers active in `week` and their net revenue. Maintained week by week: a rollup recomputes
 * the weeks that received events and the weeks of customers whose cohort or channel changed.
 */
export const kpiCohortWeek = pgTable(
  "kpi_cohort_week",
  {
    cohort: date("cohort").notNull(),
    week: date("week").notNull(),
    channel: text("channel").notNull(),
    active: integer("active").notNull(),
    netCents: bigint("net_cents", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohort, t.week, t.channel] }), index("kpi_cohort_week_week_idx").on(t.week)],
);

/**
 * Each active customer's monthly cohort row: the cohort month (as of the last rollup) and, for
 * every active month since, its period number (months since the cohort) and net revenue. A
 * segment-filtered cohort triangle sums one row per member instead of joining every monthly row.
 * Rebuilt by the rollup job for the customers active on re-rolled days or whose cohort moved.
 */
export const kpiCustomerCohort = pgTable("kpi_customer_cohort", {
  customerId: bigint("customer_id", { mode: "number" })
    .primaryKey()
    .references(() => customers.id, { onDelete: "cascade" }),
  cohort: date("cohort").notNull(),
  periods: integer("periods").array().notNull(),
  /** Net revenue in integer cents per entry of `periods` (named without "_cents": an array column). */
  periodNet: bigint("period_net", { mode: "number" }).array().notNull(),
});

/** Customers per signup cohort week and channel, next to kpi_cohort_week. */
export const kpiCohortWeekSize = pgTable(
  "kpi_cohort_week_size",
  {
    cohort: date("cohort").notNull(),
    channel: text("channel").notNull(),
    size: integer("size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cohort, t.channel] })],
);

/**
 * How often learners went from one course to another (consecutive first enrol/purchase of
 * distinct products), for suggested learning paths. Rebuilt in full by the rollup job.
 */
export const kpiNextCourse = pgTable(
  "kpi_next_course",
  {
    fromProductId: integer("from_product_id").notNull(),
    toProductId: integer("to_product_id").notNull(),
    learners: integer("learners").notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromProductId, t.toProductId] })],
);

/** Watermark of the incremental rollup: events ingested after it are not yet rolled up. */
export const kpiRollupState = pgTable("kpi_rollup_state", {
  name: text("name").primaryKey(),
  ingestedThrough: timestamp("ingested_through", { withTimezone: true }),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  daysRefreshed: integer("days_refreshed").notNull().default(0),
  /** Day of bit 0 in kpi_customer_timeline (the earliest rolled-up day when it was last rebuilt in full). */
  timelineEpoch: date("timeline_epoch"),
});

/**
 * The daily sums and per-day customer counts of kpi_customer_day over one segment's members (the
 * columns of kpi_day_totals), so a segment-filtered overview reads a row per day instead of every
 * member's day. Only trusted while the segment has a kpi_segment_rollup row: see there.
 */
export const kpiSegmentDay = pgTable(
  "kpi_segment_day",
  {
    segmentId: uuid("segment_id")
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    ...dailySumColumns(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.day] })],
);

/**
 * The segments whose kpi_segment_day rows match their current members and kpi_customer_day.
 * Written when membership is materialised (segment save and refresh); the KPI rollup keeps the
 * re-rolled days of these segments up to date; a trigger on segment_members (migration
 * 0003_kpi_segment_rollup_invalidation) deletes the row of any segment whose members change by
 * any other path, so the overview falls back to the per-member rows instead of reading stale sums.
 */
export const kpiSegmentRollup = pgTable("kpi_segment_rollup", {
  segmentId: uuid("segment_id")
    .primaryKey()
    .references(() => segments.id, { onDelete: "cascade" }),
  builtAt: timestamp("built_at", { withTimezone: true }).notNull().defaultNow(),
});
