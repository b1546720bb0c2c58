import { z } from "zod";
import { RFM_PRESET_NAMES } from "../../lib/shared/rfm-presets";
import { SUGGESTIBLE_FIELDS } from "../../lib/shared/segment-fields";
import { PROFILE_FEATURES, type ProfileFeature } from "./fields.sql";
import { ZRule } from "./rule.schema";

export const MAX_MANUAL_IDS = 100_000;
export const CHURN_TIERS = ["high", "medium", "low"] as const;
export type ChurnTier = (typeof CHURN_TIERS)[number];

const ZRunId = z.uuid({ message: "modelRunId must be a model run id" });
const ZProductIds = (what: string) =>
  z
    .array(z.number().int().positive({ message: `${what} holds product ids` }))
    .min(1, { message: `${what} needs at least one product` })
    .max(20, { message: `${what} holds at most 20 products` });

/**
 * A cluster of a K-means run (`cluster` = cluster index), or a group of a hierarchy run cut into
 * `cut.groups` groups (`cut.group` = 0-based group index in that cut). Without modelRunId the
 * active run of the matching task is used at every refresh.
 */
export const ZClusterDefinition = z
  .object({
    kind: z.literal("cluster"),
    modelRunId: ZRunId.optional(),
    cluster: z.number().int().min(0).max(1000).optional(),
    cut: z
      .object({
        groups: z.number().int().min(2, { message: "cut.groups must be at least 2" }).max(100, { message: "cut.groups must be at most 100" }),
        group: z.number().int().min(0),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if ((d.cluster === undefined) === (d.cut === undefined)) {
      ctx.addIssue({ code: "custom", path: ["cluster"], message: "give a cluster (K-means) or a cut (hierarchy), exactly one" });
    }
    if (d.cut && d.cut.group >= d.cut.groups) ctx.addIssue({ code: "custom", path: ["cut", "group"], message: "cut.group must be below cut.groups" });
  });

/**
 * Propensity deciles (1 = the tenth with the highest scores) or churn-risk tiers (high >= 0.6,
 * medium 0.3-0.6, low < 0.3) from the active classifier of the task.
 */
export const ZScoreDefinition = z
  .object({
    kind: z.literal("score"),
    task: z.enum(["propensity", "churn"], { error: "task must be propensity or churn" }),
    decile: z.number().int().min(1, { message: "decile must be 1-10" }).max(10, { message: "decile must be 1-10" }).optional(),
    tier: z.enum(CHURN_TIERS, { error: "tier must be high, medium or low" }).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if ((d.decile === undefined) === (d.tier === undefined)) {
      ctx.addIssue({ code: "custom", path: ["decile"], message: "give a decile or a tier, exactly one" });
    }
  });

/** "Bought every antecedent product, none of the consequent ones" for a rule of a baskets run. */
export const ZCrossSellDefinition = z
  .object({
    kind: z.literal("cross_sell"),
    modelRunId: ZRunId.optional(),
    antecedent: ZProductIds("antecedent"),
    consequent: ZProductIds("consequent"),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.consequent.some((id) => d.antecedent.includes(id))) {
      ctx.addIssue({ code: "custom", path: ["consequent"], message: "consequent must not repeat an antecedent product" });
    }
  });

/** A fixed list of internal customer ids (resolved from uploaded external ids at upload time). */
export const ZManualDefinition = z
  .object({
    kind: z.literal("manual"),
    customerIds: z
      .array(z.number().int().positive({ message: "customerIds holds customer ids" }))
      .max(MAX_MANUAL_IDS, { message: `a manual list holds at most ${MAX_MANUAL_IDS} customers` }),
  })
  .strict();

/** What a segment is (stored in segments.definition). */
export const ZSegmentDefinition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rule"), rule: ZRule }).strict(),
  z.object({ kind: z.literal("rfm"), preset: z.enum(RFM_PRESET_NAMES) }).strict(),
  ZClusterDefinition,
  ZScoreDefinition,
  ZCrossSellDefinition,
  ZManualDefinition,
]);
export type SegmentDefinition = z.infer<typeof ZSegmentDefinition>;
export type ClusterDefinition = z.infer<typeof ZClusterDefinition>;
export type ScoreDefinition = z.infer<typeof ZScoreDefinition>;
export type CrossSellDefinition = z.infer<typeof ZCrossSellDefinition>;

export const ZSegmentId = z.object({ id: z.uuid({ message: "id must be a segment id" }) });

export const ZProfile = ZSegmentId.extend({
  feature: z.enum(PROFILE_FEATURES as [ProfileFeature, ...ProfileFeature[]], { message: "feature must be a numeric customer feature" }).optional(),
});

const ZName = z
  .string()
  .trim()
  .min(1, { message: "name is required" })
  .max(100, { message: "name must be at most 100 characters" });
const ZDescription = z.string().trim().max(500, { message: "description must be at most 500 characters" }).nullable().optional();

export const ZCreateSegment = z.object({ name: ZName, description: ZDescription, definition: ZSegmentDefinition });
export type CreateSegmentInput = z.infer<typeof ZCreateSegment>;

export const ZUpdateSegment = ZSegmentId.extend({
  name: ZName.optional(),
  description: ZDescription,
  definition: ZSegmentDefinition.optional(),
});
export type UpdateSegmentInput = z.infer<typeof ZUpdateSegment>;

export const ZListSegments = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  sort: z.enum(["name", "size", "updated", "refreshed"]).default("updated"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  includeArchived: z.boolean().default(false),
  search: z.string().trim().max(100, { message: "search must be at most 100 characters" }).optional(),
  kind: z.enum(["rule", "rfm", "cluster", "score", "cross_sell", "manual"]).optional(),
});
export type ListSegmentsInput = z.infer<typeof ZListSegments>;

export const ZFieldValues = z.object({
  field: z.enum(SUGGESTIBLE_FIELDS, { error: (issue) => `no known values are offered for ${JSON.stringify(issue.input)}; expected one of ${SUGGESTIBLE_FIELDS.join(", ")}` }),
  prefix: z.string().max(100, { message: "prefix must be at most 100 characters" }).default(""),
});
export type FieldValuesInput = z.infer<typeof ZFieldValues>;

export const ZCountSegment = z.object({ definition: ZSegmentDefinition });

export const ZPreviewSegment = z.object({
  definition: ZSegmentDefinition,
  page: z.number().int().min(1).max(400).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type PreviewSegmentInput = z.infer<typeof ZPreviewSegment>;

export const ZOverlap = z.object({
  a: z.uuid({ message: "a must be a segment id" }),
  b: z.uuid({ message: "b must be a segment id" }),
});

/** `daily` marks the self-rescheduling job that writes one size snapshot per segment per day. */
/** External ids typed or uploaded by a marketer, resolved to customers before a manual segment is saved. */
export const ZResolveExternalIds = z.object({
  externalIds: z
    .array(z.string().trim().max(200, { message: "an external id is at most 200 characters" }))
    .min(1, { message: "externalIds needs at least one id" })
    .max(MAX_MANUAL_IDS, { message: `at most ${MAX_MANUAL_IDS} ids per upload` }),
});

export const ZMembers = ZSegmentId.extend({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type MembersInput = z.infer<typeof ZMembers>;
