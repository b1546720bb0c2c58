import { z } from "zod";

export const ZCustomerId = z.object({ id: z.number({ message: "id must be a customer id" }).int().positive({ message: "id must be a customer id" }) });

export const CUSTOMER_SORTS = [
  "externalId",
  "signupAt",
  "channel",
  "region",
  "cityTier",
  "ageBand",
  "device",
  "consent",
  "recencyDays",
  "frequency",
  "monetaryCents",
  "rfm",
  "risk",
] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export const RISK_BANDS = ["low", "medium", "high"] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

const ZScore = z.number().int().min(1, { message: "scores run from 1 to 5" }).max(5, { message: "scores run from 1 to 5" });
const ZAttribute = z.string().trim().min(1).max(100);

export const ZListCustomers = z.object({
  page: z.number().int().min(1, { message: "page must be at least 1" }).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100, { message: "pageSize must be at most 100" }).default(25),
  search: z.string().trim().max(100, { message: "search must be at most 100 characters" }).optional(),
  channel: ZAttribute.optional(),
  region: ZAttribute.optional(),
  cityTier: z.number().int().min(0).max(9).optional(),
  ageBand: ZAttribute.optional(),
  device: ZAttribute.optional(),
  consent: z.boolean().optional(),
  rScore: ZScore.optional(),
  fScore: ZScore.optional(),
  mScore: ZScore.optional(),
  segmentId: z.uuid({ message: "segmentId must be a segment id" }).optional(),
  risk: z.enum(RISK_BANDS).optional(),
  sort: z.enum(CUSTOMER_SORTS).default("externalId"),
  direction: z.enum(["asc", "desc"]).default("asc"),
});
export type ListCustomersInput = z.infer<typeof ZListCustomers>;

export const ZTimeline = ZCustomerId.extend({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type TimelineInput = z.infer<typeof ZTimeline>;

export const ZEraseCustomer = ZCustomerId.extend({
  // Typed by the admin as a confirmation: erasing the wrong customer cannot be undone.
  confirmExternalId: z.string().trim().min(1, { message: "confirmExternalId is required" }),
});
export type EraseCustomerInput = z.infer<typeof ZEraseCustomer>;

/** Risk bands over an active churn model's score (probability of churn). */
export const RISK_THRESHOLDS = { medium: 0.33, high: 0.66 } as const;
