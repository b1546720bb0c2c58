import type { Condition, RuleGroup, RuleNode } from "@/server/segments";
import { ATTRIBUTE_TYPES, FEATURE_TYPES, OPERATORS_BY_TYPE, type FieldType, type Operator } from "@/lib/shared/segment-fields";

export type ConditionKind = Condition["kind"];
export const CONDITION_KINDS: ConditionKind[] = ["attribute", "feature", "behaviour", "inactive", "purchased", "score", "cluster"];
export const EVENT_NAMES = ["session", "view", "click", "add_to_cart", "purchase", "refund", "enrol", "progress", "complete", "rate", "subscribe", "renew", "cancel"] as const;

export function emptyGroup(combinator: "and" | "or" = "and"): RuleGroup {
  return { kind: "group", combinator, children: [] };
}

export function defaultCondition(kind: ConditionKind): Condition {
  switch (kind) {
    case "attribute":
      return { kind, field: "region", op: "eq", value: "" };
    case "feature":
      return { kind, field: "r_score", op: "gte", value: 4 };
    case "behaviour":
      return { kind, event: "purchase", minCount: 1, withinDays: 30 };
    case "inactive":
      return { kind, event: "session", sinceDays: 30 };
    case "purchased":
      return { kind, category: "" };
    case "score":
      return { kind, task: "churn", op: "gte", value: 0.5 };
    case "cluster":
      return { kind, cluster: 0 };
  }
}

export function fieldType(c: Extract<Condition, { kind: "attribute" | "feature" }>): FieldType {
  return c.kind === "attribute" ? ATTRIBUTE_TYPES[c.field] : FEATURE_TYPES[c.field];
}

export function operatorsFor(type: FieldType): readonly Operator[] {
  return OPERATORS_BY_TYPE[type];
}

type Scalar = string | number | boolean;

export function defaultScalar(type: FieldType): Scalar {
  if (type === "number") return 0;
  if (type === "boolean") return true;
  if (type === "timestamp") return new Date().toISOString().slice(0, 10) + "T00:00:00.000Z";
  return "";
}

/** Keeps only the operands the new operator uses, so the rule stays valid as the user edits. */
export function withOperator<C extends Extract<Condition, { kind: "attribute" | "feature" }>>(c: C, op: Operator): C {
  const type = fieldType(c);
  const base = { kind: c.kind, field: c.field, op } as C;
  if (op === "in" || op === "not_in") return { ...base, values: [defaultScalar(type)] };
  if (op === "between") return { ...base, min: defaultScalar(type), max: defaultScalar(type) };
  if (op === "is_null" || op === "is_not_null") return base;
  return { ...base, value: c.value ?? defaultScalar(type) };
}

export function parseScalar(text: string, type: FieldType): Scalar {
  if (type === "number") return text.trim() === "" ? Number.NaN : Number(text);
  if (type === "boolean") return text === "true";
  if (type === "timestamp") return text ? new Date(`${text}T00:00:00Z`).toISOString() : "";
  return text;
}

export function replaceChild(group: RuleGroup, index: number, child: RuleNode | null): RuleGroup {
  const children = [...group.children];
  if (child === null) children.splice(index, 1);
  else children[index] = child;
  return { ...group, children };
}
