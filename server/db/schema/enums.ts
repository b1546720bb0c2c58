import { pgEnum } from "drizzle-orm/pg-core";
import { STAFF_ROLES, PRODUCT_KINDS, EVENT_TYPES, MODEL_TASKS, RUN_STATUSES, SEGMENT_KINDS, CAMPAIGN_GOALS, CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, ALLOCATIONS } from "../../../lib/shared/vocabulary";

export { STAFF_ROLES, PRODUCT_KINDS, EVENT_TYPES, MODEL_TASKS, RUN_STATUSES, SEGMENT_KINDS, CAMPAIGN_GOALS, CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, ALLOCATIONS };

export const staffRole = pgEnum("staff_role", STAFF_ROLES);

export const productKind = pgEnum("product_kind", PRODUCT_KINDS);

export const eventType = pgEnum("event_type", EVENT_TYPES);

export const modelTask = pgEnum("model_task", MODEL_TASKS);

export const runStatus = pgEnum("run_status", RUN_STATUSES);

export const segmentKind = pgEnum("segment_kind", SEGMENT_KINDS);

export const campaignGoal = pgEnum("campaign_goal", CAMPAIGN_GOALS);

export const campaignChannel = pgEnum("campaign_channel", CAMPAIGN_CHANNELS);

export const campaignStatus = pgEnum("campaign_status", CAMPAIGN_STATUSES);

export const allocationMethod = pgEnum("allocation_method", ALLOCATIONS);
