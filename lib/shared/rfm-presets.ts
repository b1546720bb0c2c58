import type { Condition, Rule, RuleNode } from "../../server/segments";

/**
 * RFM presets on the standard R-versus-FM grid. R is r_score (1-5, 5 = most recent); FM is
 * fm_score = (f_score + m_score) / 2 (half-steps 1..5). Only scored customers (those with a paid
 * transaction) fall in any preset, and every scored customer falls in exactly one:
 *
 *              FM <= 2        2 < FM < 3     3 <= FM < 4    FM >= 4
 *   R 4-5      New            Potential      Potential      Champions
 *   R 3        Hibernating    Hibernating    Loyal          Loyal
 *   R 2        Hibernating    At risk        At risk        Can't lose
 *   R 1        Lost           At risk        At risk        Can't lose
 */
export const RFM_PRESET_NAMES = [
  "champions",
  "loyal",
  "potential_loyalists",
  "new",
  "at_risk",
  "cant_lose",
  "hibernating",
  "lost",
] as const;
export type RfmPresetName = (typeof RFM_PRESET_NAMES)[number];

const r = (op: "eq" | "gte" | "lte", value: number): Condition => ({ kind: "feature", field: "r_score", op, value });
const fm = (op: "gt" | "gte" | "lt" | "lte", value: number): Condition => ({ kind: "feature", field: "fm_score", op, value });
const and = (...children: RuleNode[]): Rule => ({ kind: "group", combinator: "and", children });
const or = (...children: RuleNode[]): Rule => ({ kind: "group", combinator: "or", children });

export const RFM_PRESETS: Record<RfmPresetName, { label: { en: string; zh: string }; rule: Rule }> = {
  champions: { label: { en: "Champions", zh: "重要价值客户" }, rule: and(r("gte", 4), fm("gte", 4)) },
  loyal: { label: { en: "Loyal", zh: "忠诚客户" }, rule: and(r("eq", 3), fm("gte", 3)) },
  potential_loyalists: { label: { en: "Potential loyalists", zh: "潜力客户" }, rule: and(r("gte", 4), fm("gt", 2), fm("lt", 4)) },
  new: { label: { en: "New", zh: "新客户" }, rule: and(r("gte", 4), fm("lte", 2)) },
  at_risk: { label: { en: "At risk", zh: "流失风险客户" }, rule: and(r("lte", 2), fm("gt", 2), fm("lt", 4)) },
  cant_lose: { label: { en: "Can't lose", zh: "不能失去的客户" }, rule: and(r("lte", 2), fm("gte", 4)) },
  hibernating: {
    label: { en: "Hibernating", zh: "沉睡客户" },
    rule: or(and(r("eq", 3), fm("lt", 3)), and(r("eq", 2), fm("lte", 2))),
  },
  lost: { label: { en: "Lost", zh: "已流失客户" }, rule: and(r("eq", 1), fm("lte", 2)) },
};

export function listRfmPresets() {
  return RFM_PRESET_NAMES.map((name) => ({ name, label: RFM_PRESETS[name].label, rule: RFM_PRESETS[name].rule }));
}
