import { z } from "zod";
import { EVENT_TYPES } from "../db";
import {
  ATTRIBUTE_FIELDS,
  ATTRIBUTE_FIELD_NAMES,
  FEATURE_FIELDS,
  FEATURE_FIELD_NAMES,
  OPERATORS,
  OPERATORS_BY_TYPE,
  type FieldType,
} from "./fields.sql";

export const MAX_RULE_DEPTH = 5;
export const MAX_RULE_CONDITIONS = 50;
export const MAX_LIST_VALUES = 500;

const ZScalar = z.union([z.string().max(200, { message: "value must be at most 200 characters" }), z.number().finite(), z.boolean()]);
type Scalar = z.infer<typeof ZScalar>;

/** Names the rejected input, so "unknown field email" reads better than a list of options. */
function oneOf<const T extends readonly [string, ...string[]]>(what: string, options: T) {
  return z.enum(options, { error: (issue) => `unknown ${what} ${JSON.stringify(issue.input)}; expected one of ${options.join(", ")}` });
}

const comparisonShape = {
  op: oneOf("operator", OPERATORS),
  value: ZScalar.optional(),
  values: z.array(ZScalar).min(1, { message: "values needs at least one entry" }).max(MAX_LIST_VALUES).optional(),
  min: ZScalar.optional(),
  max: ZScalar.optional(),
};

interface ComparisonLike {
  op: (typeof OPERATORS)[number];
  value?: Scalar;
  values?: Scalar[];
  min?: Scalar;
  max?: Scalar;
}

function fitsType(value: Scalar, type: FieldType): boolean {
  if (type === "number") return typeof value === "number";
  if (type === "boolean") return typeof value === "boolean";
  if (type === "text") return typeof value === "string";
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

const TYPE_WORDS: Record<FieldType, string> = {
  number: "a number",
  boolean: "true or false",
  text: "a string",
  timestamp: "an ISO date-time string",
};

/** Checks the operator suits the field's type and that exactly the operands it needs are there. */
function checkComparison(c: ComparisonLike & { field: string }, type: FieldType, ctx: z.RefinementCtx): void {
  if (!OPERATORS_BY_TYPE[type].includes(c.op)) {
    ctx.addIssue({ code: "custom", path: ["op"], message: `operator ${c.op} is not allowed on ${c.field} (${type})` });
    return;
  }
  const need = c.op === "in" || c.op === "not_in" ? ["values"] : c.op === "between" ? ["min", "max"] : c.op.startsWith("is_") ? [] : ["value"];
  for (const key of ["value", "values", "min", "max"] as const) {
    const present = c[key] !== undefined;
    if (need.includes(key) && !present) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required for ${c.op}` });
    if (!need.includes(key) && present) ctx.addIssue({ code: "custom", path: [key], message: `${key} is not used by ${c.op}` });
  }
  const check = (value: Scalar | undefined, path: (string | number)[]) => {
    if (value !== undefined && !fitsType(value, type)) {
      ctx.addIssue({ code: "custom", path, message: `${c.field} compares with ${TYPE_WORDS[type]}` });
    }
  };
  check(c.value, ["value"]);
  check(c.min, ["min"]);
  check(c.max, ["max"]);
  c.values?.forEach((v, i) => check(v, ["values", i]));
}

export const ZAttributeCondition = z
  .object({ kind: z.literal("attribute"), field: oneOf("attribute field", ATTRIBUTE_FIELD_NAMES), ...comparisonShape })
  .strict()
  .superRefine((c, ctx) => checkComparison(c, ATTRIBUTE_FIELDS[c.field].type, ctx));

export const ZFeatureCondition = z
  .object({ kind: z.literal("feature"), field: oneOf("feature field", FEATURE_FIELD_NAMES), ...comparisonShape })
  .strict()
  .superRefine((c, ctx) => checkComparison(c, FEATURE_FIELDS[c.field].type, ctx));

const ZDays = z.number().int().min(1, { message: "days must be at least 1" }).max(3650, { message: "days must be at most 3650" });
const ZProductScope = {
  productId: z.number().int().positive().optional(),
  category: z.string().min(1).max(100).optional(),
};
function oneScope(c: { productId?: number; category?: string }, ctx: z.RefinementCtx): void {
  if (c.productId !== undefined && c.category !== undefined) {
    ctx.addIssue({ code: "custom", path: ["category"], message: "give a product or a category, not both" });
  }
}

/** "did <event> [on product P | in category C] at least N times in the last D days". */
export const ZBehaviourCondition = z
  .object({
    kind: z.literal("behaviour"),
    event: oneOf("event type", EVENT_TYPES),
    ...ZProductScope,
    minCount: z.number().int().min(1, { message: "minCount must be at least 1" }).max(100_000),
    withinDays: ZDays,
  })
  .strict()
  .superRefine(oneScope);

/** "has not <event> [on P | in C] in the last D days" (including never). */
export const ZInactiveCondition = z
  .object({ kind: z.literal("inactive"), event: oneOf("event type", EVENT_TYPES), ...ZProductScope, sinceDays: ZDays })
  .strict()
  .superRefine(oneScope);

/** Ever bought product P or anything in category C (negate: never did). */
export const ZPurchasedCondition = z
  .object({ kind: z.literal("purchased"), ...ZProductScope, negate: z.boolean().optional() })
  .strict()
  .superRefine((c, ctx) => {
    oneScope(c, ctx);
    if (c.productId === undefined && c.category === undefined) {
      ctx.addIssue({ code: "custom", path: ["productId"], message: "give a productId or a category" });
    }
  });

/** Score of the active run of a scoring task. */
export const ZScoreCondition = z
  .object({
    kind: z.literal("score"),
    task: z.enum(["propensity", "churn"]),
    op: z.enum(["gte", "lte"]),
    value: z.number().finite(),
  })
  .strict();

/** Membership of cluster k in the active clustering run. */
export const ZClusterCondition = z
  .object({ kind: z.literal("cluster"), cluster: z.number().int().min(0).max(1000) })
  .strict();

export const ZCondition = z.discriminatedUnion("kind", [
  ZAttributeCondition,
  ZFeatureCondition,
  ZBehaviourCondition,
  ZInactiveCondition,
  ZPurchasedCondition,
  ZScoreCondition,
  ZClusterCondition,
]);
export type Condition = z.infer<typeof ZCondition>;

export interface RuleGroup {
  kind: "group";
  combinator: "and" | "or";
  children: RuleNode[];
}
export type RuleNode = Condition | RuleGroup;

const ZGroupShape = z
  .object({
    kind: z.literal("group"),
    combinator: z.enum(["and", "or"]),
    // Lazy only here: the group object itself stays a plain object the union can discriminate on.
    children: z
      .array(z.lazy(() => ZRuleNode))
      .max(MAX_RULE_CONDITIONS, { message: `a group holds at most ${MAX_RULE_CONDITIONS} entries` }),
  })
  .strict();

// No transforms or defaults anywhere in a rule, so what the client sends is what the server reads.
export const ZRuleNode: z.ZodType<RuleNode, RuleNode> = z.discriminatedUnion("kind", [
  ZGroupShape,
  ZAttributeCondition,
  ZFeatureCondition,
  ZBehaviourCondition,
  ZInactiveCondition,
  ZPurchasedCondition,
  ZScoreCondition,
  ZClusterCondition,
]);

function measure(node: RuleNode, depth: number): { depth: number; conditions: number } {
  // A condition sits inside its group and adds no level of nesting.
  if (node.kind !== "group") return { depth: depth - 1, conditions: 1 };
  let deepest = depth;
  let conditions = 0;
  for (const child of node.children) {
    const m = measure(child, depth + 1);
    deepest = Math.max(deepest, m.depth);
    conditions += m.conditions;
  }
  return { depth: deepest, conditions };
}

/** A whole rule: a root group, bounded so a compiled query stays a reasonable size. */
export const ZRule = ZGroupShape.superRefine((rule, ctx) => {
  const m = measure(rule, 1);
  if (m.depth > MAX_RULE_DEPTH) ctx.addIssue({ code: "custom", path: [], message: `rule nests ${m.depth} levels deep; at most ${MAX_RULE_DEPTH}` });
  if (m.conditions > MAX_RULE_CONDITIONS) {
    ctx.addIssue({ code: "custom", path: [], message: `rule has ${m.conditions} conditions; at most ${MAX_RULE_CONDITIONS}` });
  }
});
export type Rule = RuleGroup;
