import { z } from "zod";
import { ALLOCATIONS, CAMPAIGN_CHANNELS, CAMPAIGN_GOALS, CAMPAIGN_STATUSES } from "../db";
import { CORRECTIONS, READOUT_METRICS, WINSORISE_OPTIONS } from "../../lib/shared/vocabulary";

export const ZCampaignId = z.object({ id: z.uuid({ message: "id must be a campaign id" }) });

const ZVariant = z
  .object({
    key: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: "key must be 1-40 lowercase letters, digits, - or _" }),
    name: z.string().trim().min(1, { message: "name is required" }).max(80, { message: "name must be at most 80 characters" }),
    isControl: z.boolean(),
    weight: z.number().positive({ message: "Arm weight must be greater than 0" }).max(1000, { message: "Arm weight must be at most 1000" }),
    message: z.string().trim().max(1000, { message: "The message must be at most 1,000 characters" }).nullable().default(null),
    couponPercentOff: z.number().min(0, { message: "Coupon must be between 0% and 90% off" }).max(90, { message: "Coupon must be between 0% and 90% off" }).nullable().default(null),
    offerProductId: z.number().int().positive({ message: "Choose a product to offer" }).nullable().default(null),
  })
  .strict();
export type VariantInput = z.infer<typeof ZVariant>;

const ZCampaignFields = z
  .object({
    name: z.string().trim().min(1, { message: "name is required" }).max(120, { message: "name must be at most 120 characters" }),
    goal: z.enum(CAMPAIGN_GOALS, { message: `goal must be one of ${CAMPAIGN_GOALS.join(", ")}` }),
    segmentId: z.uuid({ message: "Choose a target segment" }),
    channel: z.enum(CAMPAIGN_CHANNELS, { message: `channel must be one of ${CAMPAIGN_CHANNELS.join(", ")}` }),
    allocation: z.enum(ALLOCATIONS, { message: `allocation must be one of ${ALLOCATIONS.join(", ")}` }),
    holdoutShare: z.number().min(0, { message: "Holdout must be between 0% and 50%" }).max(0.5, { message: "Holdout must be between 0% and 50%" }),
    startsAt: z.coerce.date({ message: "Start must be a date" }),
    endsAt: z.coerce.date({ message: "End must be a date" }),
    attributionDays: z.number().int().min(1, { message: "Attribution window must be 1 to 90 days" }).max(90, { message: "Attribution window must be 1 to 90 days" }),
    /** null: the goal decides (revenue goal → revenue per customer, otherwise conversion). */
    primaryMetric: z.enum(READOUT_METRICS, { message: `primaryMetric must be one of ${READOUT_METRICS.join(", ")}` }).nullable().default(null),
    correction: z.enum(CORRECTIONS, { message: `correction must be one of ${CORRECTIONS.join(", ")}` }).default("holm"),
    winsorise: z.enum(WINSORISE_OPTIONS, { message: `winsorise must be one of ${WINSORISE_OPTIONS.join(", ")}` }).default("off"),
    variants: z.array(ZVariant).min(2, { message: "An experiment needs a control arm and at least one treatment" }).max(8, { message: "At most 8 arms" }),
  })
  .strict();

/** Cross-field rules, each reported on the field a person would fix. */
function checkCampaign(value: z.infer<typeof ZCampaignFields>, ctx: z.RefinementCtx): void {
  if (value.endsAt.getTime() <= value.startsAt.getTime()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The end must be after the start" });
  const controls = value.variants.filter((v) => v.isControl).length;
  if (controls !== 1) ctx.addIssue({ code: "custom", path: ["variants"], message: `Exactly one arm must be the control (found ${controls})` });
  const keys = new Set<string>();
  value.variants.forEach((v, i) => {
    if (keys.has(v.key)) ctx.addIssue({ code: "custom", path: ["variants", i, "key"], message: `Arm key "${v.key}" is used twice` });
    keys.add(v.key);
  });
}

export const ZCampaignInput = ZCampaignFields.superRefine(checkCampaign);
export type CampaignInput = z.infer<typeof ZCampaignInput>;

export const ZUpdateCampaign = z.object({ id: z.uuid({ message: "id must be a campaign id" }), campaign: ZCampaignInput });

export const ZListCampaigns = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  sort: z.enum(["name", "status", "startsAt", "created"]).default("created"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  status: z.enum(CAMPAIGN_STATUSES).optional(),
});
export type ListCampaignsInput = z.infer<typeof ZListCampaigns>;

export const ZResultsQuery = z.object({
  id: z.uuid({ message: "id must be a campaign id" }),
  cuped: z.boolean().default(false),
});

export const ZPowerInput = z.object({
  baseline: z.number().gt(0, { message: "baseline must be between 0 and 1" }).lt(1, { message: "baseline must be between 0 and 1" }),
  mde: z.number().refine((v) => v !== 0, { message: "mde must be non-zero" }),
  mdeType: z.enum(["absolute", "relative"]).default("relative"),
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  power: z.number().gt(0.5).lt(1).default(0.8),
  arms: z.number().int().min(2).max(8).default(2),
  dailyTraffic: z.number().positive({ message: "dailyTraffic must be positive" }).optional(),
  /** With a segment, the plan starts from its eligible members and their daily inflow. */
  segmentId: z.uuid({ message: "segmentId must be a segment id" }).optional(),
  holdoutShare: z.number().min(0, { message: "Holdout must be between 0% and 50%" }).max(0.5, { message: "Holdout must be between 0% and 50%" }).default(0),
  plannedDays: z.number().int().positive({ message: "plannedDays must be a positive number of days" }).max(3660).optional(),
});

export const ZExportAudience = z.object({ id: z.uuid({ message: "id must be a campaign id" }), format: z.enum(["csv", "json"]) });

export const ZSimulate = z.object({ id: z.uuid({ message: "id must be a campaign id" }), seed: z.number().int().default(1) });

export const ZPersuadables = z.object({
  id: z.uuid({ message: "id must be a campaign id" }),
  name: z.string().trim().min(1, { message: "name is required" }).max(100, { message: "name must be at most 100 characters" }),
  topShare: z.number().gt(0, { message: "topShare must be in (0, 0.5]" }).max(0.5, { message: "topShare must be in (0, 0.5]" }).default(0.1),
});
