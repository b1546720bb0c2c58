import { describe, expect, it } from "vitest";
import { ZSegmentDefinition } from "../../server/segments/segments.schemas";
import { ZRule } from "../../server/segments/rule.schema";

function issues(input: unknown): Array<{ path: string; message: string }> {
  const result = ZRule.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

const group = (children: unknown[], combinator = "and") => ({ kind: "group", combinator, children });

describe("rule DSL validation", () => {
  it("accepts a well-formed nested rule", () => {
    const rule = group([
      { kind: "attribute", field: "region", op: "in", values: ["Shanghai"] },
      group([{ kind: "feature", field: "r_score", op: "between", min: 3, max: 5 }, { kind: "cluster", cluster: 2 }], "or"),
    ]);
    expect(issues(rule)).toEqual([]);
  });

  it("rejects an unknown field, naming its path", () => {
    const found = issues(group([group([{ kind: "attribute", field: "email", op: "eq", value: "x" }])]));
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe("children.0.children.0.field");
    expect(found[0]?.message).toMatch(/^unknown attribute field "email"; expected one of acquisition_channel, region/);
  });

  it("rejects an unknown operator, naming its path", () => {
    const found = issues(group([{ kind: "feature", field: "frequency", op: "like", value: 1 }]));
    expect(found.map((i) => i.path)).toEqual(["children.0.op"]);
  });

  it("rejects a field name carrying SQL", () => {
    expect(issues(group([{ kind: "feature", field: "frequency; DROP TABLE customers", op: "eq", value: 1 }])).map((i) => i.path)).toEqual(["children.0.field"]);
  });

  it("rejects an unknown condition kind and extra keys", () => {
    expect(issues(group([{ kind: "sql", text: "1=1" }])).map((i) => i.path)).toEqual(["children.0.kind"]);
    const extra = issues(group([{ kind: "cluster", cluster: 1, raw: "x" }]));
    expect(extra.map((i) => i.path)).toEqual(["children.0"]);
    expect(extra[0]?.message).toMatch(/raw/);
  });

  it("rejects operators that do not suit the field's type", () => {
    const found = issues(group([{ kind: "attribute", field: "region", op: "gt", value: "a" }]));
    expect(found).toEqual([{ path: "children.0.op", message: "operator gt is not allowed on region (text)" }]);
    expect(issues(group([{ kind: "attribute", field: "marketing_consent", op: "in", values: [true] }])).map((i) => i.path)).toEqual(["children.0.op"]);
    expect(issues(group([{ kind: "attribute", field: "signup_at", op: "eq", value: "2025-01-01" }])).map((i) => i.path)).toEqual(["children.0.op"]);
  });

  it("rejects values of the wrong type or missing operands, naming the operand", () => {
    expect(issues(group([{ kind: "attribute", field: "city_tier", op: "eq", value: "1" }]))).toEqual([
      { path: "children.0.value", message: "city_tier compares with a number" },
    ]);
    expect(issues(group([{ kind: "feature", field: "frequency", op: "in", values: [1, "2"] }])).map((i) => i.path)).toEqual(["children.0.values.1"]);
    expect(issues(group([{ kind: "attribute", field: "signup_at", op: "gt", value: "not a date" }])).map((i) => i.path)).toEqual(["children.0.value"]);
    expect(issues(group([{ kind: "feature", field: "frequency", op: "between", min: 1 }])).map((i) => i.path)).toEqual(["children.0.max"]);
    expect(issues(group([{ kind: "feature", field: "frequency", op: "eq" }])).map((i) => i.path)).toEqual(["children.0.value"]);
    expect(issues(group([{ kind: "feature", field: "frequency", op: "is_null", value: 1 }])).map((i) => i.path)).toEqual(["children.0.value"]);
    expect(issues(group([{ kind: "feature", field: "frequency", op: "in", values: [] }])).map((i) => i.path)).toEqual(["children.0.values"]);
  });

  it("checks behaviour, purchase and score conditions", () => {
    expect(issues(group([{ kind: "behaviour", event: "teleport", minCount: 1, withinDays: 7 }])).map((i) => i.path)).toEqual(["children.0.event"]);
    expect(issues(group([{ kind: "behaviour", event: "purchase", minCount: 0, withinDays: 7 }])).map((i) => i.path)).toEqual(["children.0.minCount"]);
    expect(issues(group([{ kind: "behaviour", event: "purchase", productId: 1, category: "x", minCount: 1, withinDays: 7 }])).map((i) => i.path)).toEqual(["children.0.category"]);
    expect(issues(group([{ kind: "inactive", event: "session", sinceDays: 0 }])).map((i) => i.path)).toEqual(["children.0.sinceDays"]);
    expect(issues(group([{ kind: "purchased" }])).map((i) => i.path)).toEqual(["children.0.productId"]);
    expect(issues(group([{ kind: "score", task: "clusters", op: "gte", value: 1 }])).map((i) => i.path)).toEqual(["children.0.task"]);
  });

  it("limits nesting to 5 levels and a rule to 50 conditions", () => {
    const cond = { kind: "cluster", cluster: 1 };
    let five: unknown = group([cond]);
    for (let i = 0; i < 4; i++) five = group([five]);
    expect(issues(five)).toEqual([]);
    expect(issues(group([five]))).toEqual([{ path: "", message: "rule nests 6 levels deep; at most 5" }]);
    const fifty = group([group(Array.from({ length: 25 }, () => cond)), group(Array.from({ length: 25 }, () => cond))]);
    expect(issues(fifty)).toEqual([]);
    const more = group([group(Array.from({ length: 26 }, () => cond)), group(Array.from({ length: 25 }, () => cond))]);
    expect(issues(more)).toEqual([{ path: "", message: "rule has 51 conditions; at most 50" }]);
  });

  it("segment definitions are a rule or a known RFM preset", () => {
    expect(ZSegmentDefinition.safeParse({ kind: "rfm", preset: "champions" }).success).toBe(true);
    const bad = ZSegmentDefinition.safeParse({ kind: "rfm", preset: "whales" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join("."))).toEqual(["preset"]);
  });
});
