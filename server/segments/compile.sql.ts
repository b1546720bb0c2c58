import { sql, type SQL } from "drizzle-orm";
import { isActiveRun, notErased } from "../db";
import { ATTRIBUTE_FIELDS, FEATURE_FIELDS, type FieldSpec } from "./fields.sql";
import type { Condition, RuleNode } from "./rule.schema";

export interface CompileOptions {
  /** "The last D days" counts back from here: the data's as-of time, not the wall clock. */
  asOf: Date;
}

type Comparison = Extract<Condition, { kind: "attribute" | "feature" }>;

/** Every operand is a bound parameter; timestamps are cast so text input compares as time. */
function operand(value: string | number | boolean, spec: FieldSpec): SQL {
  return spec.type === "timestamp" ? sql`${value}::timestamptz` : sql`${value}`;
}

function list(values: readonly (string | number | boolean)[], spec: FieldSpec): SQL {
  return sql.join(
    values.map((v) => operand(v, spec)),
    sql`, `,
  );
}

/**
 * A comparison on one whitelisted expression. Unknown values (NULL) never satisfy a comparison,
 * negative ones included (SQL three-valued logic); is_null asks for them explicitly.
 */
function compileComparison(c: Comparison, spec: FieldSpec): SQL {
  const col = spec.expr;
  const one = () => operand(c.value as string | number | boolean, spec);
  switch (c.op) {
    case "eq":
      return sql`${col} = ${one()}`;
    case "neq":
      return sql`${col} <> ${one()}`;
    case "gt":
      return sql`${col} > ${one()}`;
    case "gte":
      return sql`${col} >= ${one()}`;
    case "lt":
      return sql`${col} < ${one()}`;
    case "lte":
      return sql`${col} <= ${one()}`;
    case "in":
      return sql`${col} IN (${list(c.values ?? [], spec)})`;
    case "not_in":
      return sql`${col} NOT IN (${list(c.values ?? [], spec)})`;
    case "between":
      return sql`${col} BETWEEN ${operand(c.min as string | number | boolean, spec)} AND ${operand(c.max as string | number | boolean, spec)}`;
    case "is_null":
      return sql`${col} IS NULL`;
    case "is_not_null":
      return sql`${col} IS NOT NULL`;
  }
}

function since(asOf: Date, days: number): SQL {
  return sql`(${asOf.toISOString()}::timestamptz - ${days}::int * interval '1 day')`;
}

function productScope(c: { productId?: number; category?: string }): SQL {
  if (c.productId !== undefined) return sql` AND e.product_id = ${c.productId}`;
  if (c.category !== undefined) {
    return sql` AND e.product_id IN (SELECT p.id FROM products p WHERE p.category = ${c.category})`;
  }
  return sql``;
}

/**
 * The customers with output in the active, succeeded run of a task. Written as an uncorrelated
 * `c.id IN (...)` so Postgres builds the set once (a hashed subplan) instead of probing per customer.
 */
function activeRunScores(task: string, extra: SQL): SQL {
  return sql`c.id IN (SELECT s.customer_id FROM customer_scores s JOIN model_runs r ON r.id = s.model_run_id
    WHERE r.task = ${task}::model_task AND ${isActiveRun("r")} AND ${extra})`;
}

/**
 * Behaviour conditions are uncorrelated sets over the events of one type in the window (read
 * through events_type_occurred_at_idx), so the cost follows the matching events, not the number
 * of customers. customer_id is NOT NULL, so NOT IN has no NULL surprises.
 */
function compileCondition(c: Condition, options: CompileOptions): SQL {
  switch (c.kind) {
    case "attribute":
      return compileComparison(c, ATTRIBUTE_FIELDS[c.field]);
    case "feature":
      return compileComparison(c, FEATURE_FIELDS[c.field]);
    case "behaviour":
      return sql`c.id IN (SELECT e.customer_id FROM events e WHERE e.type = ${c.event}::event_type
        AND e.occurred_at > ${since(options.asOf, c.withinDays)} AND e.occurred_at <= ${options.asOf.toISOString()}::timestamptz${productScope(c)}
        GROUP BY e.customer_id HAVING count(*) >= ${c.minCount})`;
    case "inactive":
      return sql`c.id NOT IN (SELECT e.customer_id FROM events e WHERE e.type = ${c.event}::event_type
        AND e.occurred_at > ${since(options.asOf, c.sinceDays)}${productScope(c)})`;
    case "purchased": {
      const bought = sql`c.id IN (SELECT e.customer_id FROM events e WHERE e.type = 'purchase'${productScope(c)})`;
      return c.negate ? sql`NOT ${bought}` : bought;
    }
    case "score":
      return activeRunScores(c.task, c.op === "gte" ? sql`s.score >= ${c.value}` : sql`s.score <= ${c.value}`);
    case "cluster":
      return activeRunScores("clusters", sql`s.cluster = ${c.cluster}`);
  }
}

function compileNode(node: RuleNode, options: CompileOptions): SQL {
  if (node.kind !== "group") return sql`(${compileCondition(node, options)})`;
  // An empty AND matches everyone and an empty OR no one, the identities of each operator.
  if (node.children.length === 0) return node.combinator === "and" ? sql`TRUE` : sql`FALSE`;
  const joiner = node.combinator === "and" ? sql` AND ` : sql` OR `;
  return sql`(${sql.join(
    node.children.map((child) => compileNode(child, options)),
    joiner,
  )})`;
}

/**
 * The WHERE fragment of a rule over `customers c LEFT JOIN customer_features f`. Erased customers
 * never match. The rule must already have passed ZRule: its field names index the whitelists.
 */
export function compileRule(rule: RuleNode, options: CompileOptions): SQL {
  return sql`${notErased("c")} AND ${compileNode(rule, options)}`;
}

/** The FROM clause every compiled rule is evaluated over. */
export const SEGMENT_FROM = sql`customers c LEFT JOIN customer_features f ON f.customer_id = c.id`;
