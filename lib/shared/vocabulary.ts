/**
 * The closed vocabularies of the domain, shared by the database enums (server/db/schema/enums.ts),
 * the zod schemas and the browser. Plain lists: this file imports nothing.
 */

export const STAFF_ROLES = ["marketer", "manager", "admin"] as const;

export const PRODUCT_KINDS = ["course", "ebook", "consultation", "subscription", "live_class"] as const;

export const EVENT_TYPES = [
  "signup",
  "session",
  "view",
  "click",
  "add_to_cart",
  "purchase",
  "refund",
  "enrol",
  "unenrol",
  "progress",
  "complete",
  "rate",
  "subscribe",
  "renew",
  "cancel",
] as const;

export const MODEL_TASKS = ["clusters", "hierarchy", "baskets", "propensity", "churn"] as const;

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;

export const SEGMENT_KINDS = ["rule", "rfm", "cluster", "score", "cross_sell", "manual"] as const;

export const CAMPAIGN_GOALS = ["first_purchase", "revenue_per_customer", "renewal", "completion"] as const;

/** The experiment's primary metric, chosen at build time (null on a campaign: the goal decides). */
export const READOUT_METRICS = ["conversion", "revenue", "net_revenue"] as const;

/** Multiple-testing correction across an experiment's comparisons on the primary metric. */
export const CORRECTIONS = ["holm", "bh"] as const;

/** Revenue winsorising: off, or cap every customer's revenue at the pooled 99th / 95th percentile. */
export const WINSORISE_OPTIONS = ["off", "p99", "p95"] as const;

export const CAMPAIGN_CHANNELS = ["email", "push", "in_app", "sms", "coupon"] as const;

export const CAMPAIGN_STATUSES = ["draft", "pending_approval", "running", "stopped", "completed"] as const;

export const ALLOCATIONS = ["fixed", "thompson"] as const;
