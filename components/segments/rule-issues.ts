import type { Dictionary } from "@/lib/i18n";
import type { Condition, RuleGroup, RuleNode } from "@/server/segments";
import { ATTRIBUTE_TYPES, FEATURE_TYPES, type FieldType } from "@/lib/shared/segment-fields";
import { isMoneyField } from "@/lib/shared/money-fields";

/**
 * Which inputs of a rule hold a value that cannot be used, each with a message in words that names
 * the field ("Monetary: enter an amount in CN¥ (a number ≥ 0)"), for the builder to highlight.
 * Pure: the browser runs it as the rule changes, and maps the server's refusals onto the same
 * inputs and words instead of zod's "Invalid input".
 */

export const ISSUE_KEYS = ["value", "min", "max", "values", "category", "productId", "minCount", "withinDays", "sinceDays", "cluster"] as const;
export type IssueKey = (typeof ISSUE_KEYS)[number];

export interface RuleIssue {
  /** The builder's path of the condition: "r-0", "r-2-1" (second child of the third entry). */
  path: string;
  key: IssueKey;
  message: string;
}

/** Issues by input, keyed `${path}:${key}`. */
export type IssueMap = Partial<Record<string, string>>;

export const issueId = (path: string, key: IssueKey) => `${path}:${key}`;

export function issueMap(issues: readonly RuleIssue[]): IssueMap {
  const map: IssueMap = {};
  for (const issue of issues) map[issueId(issue.path, issue.key)] ??= issue.message;
  return map;
}

const MAX_TEXT = 200;
type Comparison = Extract<Condition, { kind: "attribute" | "feature" }>;
type Scalar = string | number | boolean;

const isKey = (value: unknown): value is IssueKey => typeof value === "string" && (ISSUE_KEYS as readonly string[]).includes(value);

function typeOf(c: Comparison): FieldType {
  return c.kind === "attribute" ? ATTRIBUTE_TYPES[c.field] : FEATURE_TYPES[c.field];
}

/** The field's label without its unit: "Monetary (CN¥)" → "Monetary" (the message names the unit). */
function fieldName(c: Comparison, t: Dictionary): string {
  const label = (t.segments.fields as Record<string, string>)[c.field] ?? c.field;
  return label.replace(/\s*[(（](CN¥|元)[)）]\s*$/, "");
}

/** The words for one input of a condition, whatever was wrong with it. */
export function operandMessage(condition: Condition, key: IssueKey, t: Dictionary): string {
  const b = t.segments.builder;
  const w = b.issues;
  switch (condition.kind) {
    case "attribute":
    case "feature": {
      const name = fieldName(condition, t);
      const type = typeOf(condition);
      const money = isMoneyField(condition.field);
      if (key === "values") return type === "number" ? (money ? w.moneyList(name) : w.numberList(name)) : w.list(name);
      if (type === "number") {
        const { min, max } = condition;
        const usable = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && !(money && v < 0);
        if (key === "max" && usable(min) && usable(max) && min > max) return w.range(name);
        return money ? w.money(name) : w.number(name);
      }
      if (type === "timestamp") return w.date(name);
      if (type === "boolean") return w.boolean(name);
      const value = condition[key as "value" | "min" | "max"];
      return typeof value === "string" && value.length > MAX_TEXT ? w.tooLong(name) : w.text(name);
    }
    case "behaviour":
    case "inactive":
    case "purchased":
      if (key === "category") return condition.category !== undefined && condition.category.length > 100 ? w.tooLong(b.category) : w.text(b.category);
      if (key === "productId") return w.wholeAtLeastOne(b.productId);
      if (key === "minCount") return w.wholeAtLeastOne(b.timesName);
      return w.days(b.daysName);
    case "score":
      return w.number(t.segments.tasks[condition.task]);
    case "cluster":
      return w.cluster(b.cluster);
  }
}

const isWhole = (n: unknown, min: number, max: number): boolean => typeof n === "number" && Number.isInteger(n) && n >= min && n <= max;

function badScalar(value: Scalar | undefined, type: FieldType, money: boolean, requireText: boolean): boolean {
  if (value === undefined) return false;
  if (type === "number") return typeof value !== "number" || !Number.isFinite(value) || (money && value < 0);
  if (type === "boolean") return typeof value !== "boolean";
  if (type === "timestamp") return typeof value !== "string" || Number.isNaN(Date.parse(value));
  return typeof value !== "string" || value.length > MAX_TEXT || (requireText && value.trim() === "");
}

function conditionIssues(c: Condition, requireText: boolean): IssueKey[] {
  switch (c.kind) {
    case "attribute":
    case "feature": {
      const type = typeOf(c);
      const money = isMoneyField(c.field);
      const keys: IssueKey[] = [];
      for (const key of ["value", "min", "max"] as const) if (badScalar(c[key], type, money, requireText)) keys.push(key);
      if (c.values !== undefined && (c.values.length === 0 || c.values.some((v) => badScalar(v, type, money, true)))) keys.push("values");
      if (type === "number" && typeof c.min === "number" && typeof c.max === "number" && !keys.includes("min") && !keys.includes("max") && c.min > c.max) keys.push("max");
      return keys;
    }
    case "behaviour":
    case "inactive":
    case "purchased": {
      const keys: IssueKey[] = [];
      // The server refuses an empty category outright, so it is flagged with or without requireText.
      if (c.category !== undefined && (c.category.length > 100 || c.category.trim() === "")) keys.push("category");
      if (c.productId !== undefined && !isWhole(c.productId, 1, Number.MAX_SAFE_INTEGER)) keys.push("productId");
      if (c.kind === "behaviour") {
        if (!isWhole(c.minCount, 1, 100_000)) keys.push("minCount");
        if (!isWhole(c.withinDays, 1, 3650)) keys.push("withinDays");
      }
      if (c.kind === "inactive" && !isWhole(c.sinceDays, 1, 3650)) keys.push("sinceDays");
      return keys;
    }
    case "score":
      return typeof c.value === "number" && Number.isFinite(c.value) ? [] : ["value"];
    case "cluster":
      return isWhole(c.cluster, 0, 1000) ? [] : ["cluster"];
  }
}

/**
 * Every input of the rule whose value the server would refuse, or that cannot mean anything
 * (a negative amount, "From" above "To"). `requireText` also flags empty text values, which the
 * server accepts but which match nobody: the editor asks for them before saving.
 */
export function ruleIssues(rule: RuleGroup, t: Dictionary, options: { requireText?: boolean } = {}): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const walk = (node: RuleNode, path: string) => {
    if (node.kind === "group") {
      node.children.forEach((child, i) => walk(child, `${path}-${i}`));
      return;
    }
    for (const key of conditionIssues(node, options.requireText ?? false)) issues.push({ path, key, message: operandMessage(node, key, t) });
  };
  rule.children.forEach((child, i) => walk(child, `r-${i}`));
  return issues;
}

export interface ServerIssue {
  path: readonly (string | number)[];
  message: string;
}

/**
 * The server's refusals of a rule's values, placed on the builder's inputs with the builder's
 * words. `at` is where the rule sits in the request (["definition", "rule"] for a segment).
 * Issues about something other than a value (an operator, a field name, the whole rule) are left
 * out: the form shows the server's own message for those.
 */
export function placeServerIssues(rule: RuleGroup, issues: readonly ServerIssue[], t: Dictionary, at: readonly (string | number)[] = ["definition", "rule"]): RuleIssue[] {
  const placed: RuleIssue[] = [];
  for (const issue of issues) {
    if (!at.every((part, i) => issue.path[i] === part)) continue;
    let node: RuleNode = rule;
    let path = "r";
    let i = at.length;
    while (node.kind === "group" && issue.path[i] === "children" && typeof issue.path[i + 1] === "number") {
      const index = issue.path[i + 1] as number;
      const child: RuleNode | undefined = node.children[index];
      if (!child) break;
      node = child;
      path = `${path}-${index}`;
      i += 2;
    }
    const key = issue.path[i];
    if (node.kind === "group" || !isKey(key)) continue;
    placed.push({ path, key, message: operandMessage(node, key, t) });
  }
  return placed;
}
