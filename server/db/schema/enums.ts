import { pgEnum } from "drizzle-orm/pg-core";

export const STAFF_ROLES = ["marketer", "manager", "admin"] as const;
export const staffRole = pgEnum("staff_role", STAFF_ROLES);

export const PRODUCT_KINDS = ["course", "ebook", "consultation", "subscription", "live_class"] as const;
export const productKind = pgEnum("product_kind", PRODUCT_KINDS);

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
export const eventType = pgEnum("event_type", EVENT_TYPES);

export const MODEL_TASKS = ["clusters", "hierarchy", "baskets", "propensity", "churn"] as const;
export const modelTask = pgEnum("model_task", MODEL_TASKS);

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export const runStatus = pgEnum("run_status", RUN_STATUSES);

export const SEGMENT_KINDS = ["rule", "rfm", "cluster", "score", "cross_sell", "manual"] as const;
export const segmentKind = pgEnum("segment_kind", SEGMENT_KINDS);

export const CAMPAIGN_GOALS = ["first_purchase", "revenue_per_customer", "renewal", "completion"] as const;
export const campaignGoal = pgEnum("campaign_goal", CAMPAIGN_GOALS);

export const CAMPAIGN_CHANNELS = ["email", "push", "in_app", "sms", "coupon"] as const;
export const campaignChannel = pgEnum("campaign_channel", CAMPAIGN_CHANNELS);

export const CAMPAIGN_STATUSES = ["draft", "pending_approval", "running", "stopped", "completed"] as const;
export const campaignStatus = pgEnum("campaign_status", CAMPAIGN_STATUSES);

export const ALLOCATIONS = ["fixed", "thompson"] as const;
export const allocationMethod = pgEnum("allocation_method", ALLOCATIONS);
