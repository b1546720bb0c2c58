import { describe, expect, it } from "vitest";
import { issueMap, operandMessage, placeServerIssues, ruleIssues } from "../../components/segments/rule-issues";
import { getDictionary } from "../../lib/i18n";
import type { RuleGroup } from "../../server/segments";
import { ZCountSegment } from "../../server/segments/segments.schemas";

const en = getDictionary("en");
const zh = getDictionary("zh");
const group = (...children: RuleGroup["children"]): RuleGroup => ({ kind: "group", combinator: "and", children });

/** The server's own refusal of a rule, as the tRPC error formatter passes its issues on. */
function serverIssues(rule: RuleGroup) {
  const parsed = ZCountSegment.safeParse({ definition: { kind: "rule", rule } });
  if (parsed.success) throw new Error("expected the server schema to refuse the rule");
  return parsed.error.issues.map((issue) => ({ path: issue.path as (string | number)[], message: issue.message }));
}

describe("rule value issues and their words", () => {
  it("names a money field without its unit and asks for an amount in CN¥, in both languages", () => {
    const rule = group({ kind: "feature", field: "monetary_cents", op: "gte", value: -500 });
    expect(ruleIssues(rule, en)).toEqual([{ path: "r-0", key: "value", message: "Monetary: enter an amount in CN¥ (a number ≥ 0)" }]);
    expect(ruleIssues(rule, zh)).toEqual([{ path: "r-0", key: "value", message: "消费金额：请输入以元为单位的金额（不小于 0 的数字）" }]);
  });

  it("flags a number that is not one, a reversed range and a bad list, by condition path in nested groups", () => {
    const rule = group(
      { kind: "feature", field: "r_score", op: "gte", value: 4 },
      group({ kind: "feature", field: "frequency", op: "eq", value: Number.NaN }, { kind: "feature", field: "tenure_days", op: "between", min: 90, max: 30 }),
      { kind: "feature", field: "avg_order_cents", op: "in", values: [1000, Number.NaN] },
      { kind: "attribute", field: "region", op: "in", values: [] },
    );
    expect(ruleIssues(rule, en)).toEqual([
      { path: "r-1-0", key: "value", message: "Frequency: enter a number" },
      { path: "r-1-1", key: "max", message: 'Tenure (days): "From" must not be greater than "To"' },
      { path: "r-2", key: "values", message: "Average order: enter amounts in CN¥ (numbers ≥ 0) separated by commas" },
      { path: "r-3", key: "values", message: "Region: enter at least one value, separated by commas" },
    ]);
  });

  it("asks for an empty text value only before saving; an empty category always (the server refuses it)", () => {
    const rule = group({ kind: "attribute", field: "region", op: "eq", value: "" }, { kind: "purchased", category: "" });
    expect(ruleIssues(rule, en)).toEqual([{ path: "r-1", key: "category", message: "Category: enter a value (start typing to see the known ones)" }]);
    expect(issueMap(ruleIssues(rule, en, { requireText: true }))).toEqual({
      "r-0:value": "Region: enter a value (start typing to see the known ones)",
      "r-1:category": "Category: enter a value (start typing to see the known ones)",
    });
  });

  it("checks the counts and days of behaviour conditions, scores and clusters", () => {
    const rule = group(
      { kind: "behaviour", event: "purchase", minCount: 0, withinDays: 5000 },
      { kind: "inactive", event: "session", sinceDays: 1.5 },
      { kind: "score", task: "churn", op: "gte", value: Number.NaN },
      { kind: "cluster", cluster: -1 },
    );
    expect(ruleIssues(rule, en).map((i) => `${i.path}:${i.key} ${i.message}`)).toEqual([
      "r-0:minCount Number of times: enter a whole number of at least 1",
      "r-0:withinDays Number of days: enter a whole number of days from 1 to 3,650",
      "r-1:sinceDays Number of days: enter a whole number of days from 1 to 3,650",
      "r-2:value Churn risk: enter a number",
      "r-3:cluster Cluster: enter a whole number from 0 to 1,000",
    ]);
  });

  it("passes a valid rule", () => {
    const rule = group({ kind: "attribute", field: "device", op: "eq", value: "ios" }, { kind: "feature", field: "monetary_cents", op: "between", min: 0, max: 30_000 });
    expect(ruleIssues(rule, en, { requireText: true })).toEqual([]);
  });

  it("places the server's refusals on the inputs in words instead of zod's 'Invalid input'", () => {
    const rule = group(
      { kind: "attribute", field: "device", op: "eq", value: "ios" },
      group({ kind: "feature", field: "monetary_cents", op: "gte", value: Number.NaN }),
      { kind: "attribute", field: "region", op: "eq", value: "x".repeat(201) },
    );
    const issues = serverIssues(rule);
    // What the server says on its own: nothing a person can act on, and no field named.
    expect(issues.map((i) => i.message)).toContain("Invalid input");
    expect(placeServerIssues(rule, issues, en)).toEqual([
      { path: "r-1-0", key: "value", message: "Monetary: enter an amount in CN¥ (a number ≥ 0)" },
      { path: "r-2", key: "value", message: "Region: at most 200 characters" },
    ]);
    expect(placeServerIssues(rule, issues, zh).map((i) => i.message)).toEqual(["消费金额：请输入以元为单位的金额（不小于 0 的数字）", "地区：最多 200 个字符"]);
  });

  it("leaves out refusals that are not about a value, and paths that are not the rule's", () => {
    const rule = group({ kind: "attribute", field: "region", op: "gt", value: "a" } as RuleGroup["children"][number]);
    const issues = serverIssues(rule);
    expect(issues.map((i) => i.path.join("."))).toEqual(["definition.rule.children.0.op"]);
    expect(placeServerIssues(rule, issues, en)).toEqual([]);
    expect(placeServerIssues(rule, [{ path: ["name"], message: "name is required" }], en)).toEqual([]);
  });

  it("words every input of every condition kind", () => {
    expect(operandMessage({ kind: "attribute", field: "signup_at", op: "gt", value: "" }, "value", en)).toBe("Signed up: pick a date");
    expect(operandMessage({ kind: "behaviour", event: "view", productId: 0, minCount: 1, withinDays: 30 }, "productId", en)).toBe("Product id: enter a whole number of at least 1");
  });
});
