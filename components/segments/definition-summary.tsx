"use client";

import { useI18n } from "@/lib/i18n/client";
import { isMoneyField } from "@/lib/shared/money-fields";
import type { Condition, RuleNode, SegmentDefinition } from "@/server/segments";

type Dict = ReturnType<typeof useI18n>["t"]["segments"];

function scope(c: { productId?: number; category?: string }): string {
  return c.productId !== undefined ? ` #${c.productId}` : c.category !== undefined ? ` [${c.category}]` : "";
}

function conditionText(c: Condition, s: Dict): string {
  switch (c.kind) {
    case "attribute":
    case "feature": {
      const field = s.fields[c.field as keyof Dict["fields"]] ?? c.field;
      const op = s.operators[c.op];
      const money = isMoneyField(c.field);
      const shown = (v: unknown) => (money && typeof v === "number" ? `CN¥${(v / 100).toFixed(2)}` : String(v));
      if (c.values) return `${field} ${op} (${c.values.map(shown).join(", ")})`;
      if (c.op === "between") return `${field} ${op} ${shown(c.min)} – ${shown(c.max)}`;
      if (c.value === undefined) return `${field} ${op}`;
      return `${field} ${op} ${shown(c.value)}`;
    }
    case "behaviour":
      return `${c.event}${scope(c)} ≥ ${c.minCount}× / ${c.withinDays}d`;
    case "inactive":
      return `${s.builder.conditionKinds.inactive}: ${c.event}${scope(c)} / ${c.sinceDays}d`;
    case "purchased":
      return `${c.negate ? s.builder.negate : s.builder.conditionKinds.purchased}${scope(c)}`;
    case "score":
      return `${s.tasks[c.task]} ${c.op === "gte" ? "≥" : "≤"} ${c.value}`;
    case "cluster":
      return `${s.builder.cluster} #${c.cluster}`;
  }
}

function nodeText(node: RuleNode, s: Dict, top: boolean): string {
  if (node.kind !== "group") return conditionText(node, s);
  if (node.children.length === 0) return node.combinator === "and" ? "∀" : "∅";
  const inner = node.children.map((child) => nodeText(child, s, false)).join(node.combinator === "and" ? " AND " : " OR ");
  return top ? inner : `(${inner})`;
}

/** One readable line saying what a segment is. */
export function DefinitionSummary({ definition }: { definition: SegmentDefinition }) {
  const { t } = useI18n();
  const s = t.segments;
  let text: string;
  switch (definition.kind) {
    case "rule":
      text = nodeText(definition.rule, s, true);
      break;
    case "rfm":
      text = `${s.rfm.preset}: ${definition.preset}`;
      break;
    case "cluster":
      text = definition.cut ? `${s.cluster.hierarchy}: ${s.cluster.group} ${definition.cut.group + 1} / ${definition.cut.groups}` : `${s.cluster.kmeans} #${definition.cluster}`;
      break;
    case "score":
      text = `${s.tasks[definition.task]}: ${definition.tier ? s.tiers[definition.tier] : s.decile(definition.decile ?? 1)}`;
      break;
    case "cross_sell":
      text = `${s.crossSell.antecedent} #${definition.antecedent.join(" + #")} · ${s.crossSell.consequent} #${definition.consequent.join(" + #")}`;
      break;
    case "manual":
      text = `${s.kinds.manual}: ${definition.customerIds.length}`;
      break;
  }
  return (
    <p className="cell-muted" data-testid="definition-summary">
      <strong>{s.detail.definition}:</strong> <span className="mono">{text}</span>
    </p>
  );
}
