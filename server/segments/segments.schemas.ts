import { z } from "zod";
import { RFM_PRESET_NAMES } from "./rfm-presets";
import { ZRule } from "./rule.schema";

/** What a segment is: a rule tree, or one of the RFM presets (stored in segments.definition). */
export const ZSegmentDefinition = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("rule"), rule: ZRule }).strict(),
  z.object({ kind: z.literal("rfm"), preset: z.enum(RFM_PRESET_NAMES) }).strict(),
  // A fixed list of customers (e.g. a win-back list built from the churn early warning).
  z
    .object({
      kind: z.literal("manual"),
      customerIds: z.array(z.number().int().positive({ message: "customerIds must be customer ids" })).min(1, { message: "customerIds must not be empty" }).max(100_000, { message: "customerIds may hold at most 100000 ids" }),
    })
    .strict(),
]);
export type SegmentDefinition = z.infer<typeof ZSegmentDefinition>;

export const ZSegmentId = z.object({ id: z.uuid({ message: "id must be a segment id" }) });

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
  sort: z.enum(["name", "size", "updated"]).default("updated"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  includeArchived: z.boolean().default(false),
});
export type ListSegmentsInput = z.infer<typeof ZListSegments>;

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

export const ZRefreshAllPayload = z.object({ segmentIds: z.array(z.uuid()).max(1000).optional() }).strict();
