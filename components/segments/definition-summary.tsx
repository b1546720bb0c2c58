"use client";

import { useI18n } from "@/lib/i18n/client";
import { isMoneyField } from "@/lib/shared/money-fields";
import { RFM_PRESETS } from "@/lib/shared/rfm-presets";
import { categoryLabel } from "@/lib/i18n/catalogue-label";
import { channelLabel, deviceLabel } from "@/lib/i18n/customer-attribute-label";
import type { Dictionary, Locale } from "@/lib/i18n";
import type { Condition, RuleNode, SegmentDefinition } from "@/server/segments";

type Dict = ReturnType<typeof useI18n>["t"]["segments"];

/** What a condition text needs besides the segment words: event names and the category labels. */
interface Words {
  s: Dict;
  t: Dictionary;
  locale: Locale;
}

function scope(c: { productId?: number; category?: string }, w: Words): string {
  return c.productId !== undefined ? ` #${c.productId}` : c.category !== undefined ? ` [${categoryLabel(w.locale, c.category)}]` : "";
}

function eventName(event: string, w: Words): string {
  return w.t.eventTypes[event as keyof Dictionary["eventTypes"]] ?? event;
}

function conditionText(c: Condition, w: Words): string {
  const s = w.s;
  switch (c.kind) {
    case "attribute":
    case "feature": {
      const field = s.fields[c.field as keyof Dict["fields"]] ?? c.field;
      const op = s.operators[c.op];
      const money = isMoneyField(c.field);
      const shown = (v: unknown) => {
        if (money && typeof v === "number") return `CN¥${(v / 100).toFixed(2)}`;
        if (typeof v === "boolean") return v ? s.builder.yes : s.builder.no;
        if (c.field === "device" && typeof v === "string") return deviceLabel(w.t, v);
        if (c.field === "acquisition_channel" && typeof v === "string") return channelLabel(w.t, v);
        return String(v);
      };
      if (c.values) return `${field} ${op} (${c.values.map(shown).join(", ")})`;
      if (c.op === "between") return `${field} ${op} ${shown(c.min)} – ${shown(c.max)}`;
      if (c.value === undefined) return `${field} ${op}`;
      return `${field} ${op} ${shown(c.value)}`;
    }
    case "behaviour":
      return `${eventName(c.event, w)}${scope(c, w)} ≥ ${c.minCount}× / ${s.daysShort(c.withinDays)}`;
    case "inactive":
      return `${s.builder.conditionKinds.inactive}: ${eventName(c.event, w)}${scope(c, w)} / ${s.daysShort(c.sinceDays)}`;
    case "purchased":
      return `${c.negate ? s.builder.negate : s.builder.conditionKinds.purchased}${scope(c, w)}`;
    case "score":
      return `${s.tasks[c.task]} ${c.op === "gte" ? "≥" : "≤"} ${c.value}`;
    case "cluster":
      return `${s.builder.cluster} #${c.cluster}`;
  }
}

function nodeText(node: RuleNode, w: Words, top: boolean): string {
  if (node.kind !== "group") return conditionText(node, w);
  if (node.children.length === 0) return node.combinator === "and" ? "∀" : "∅";
  const inner = node.children.map((child) => nodeText(child, w, false)).join(node.combinator === "and" ? w.s.builder.joinAnd : w.s.builder.joinOr);
  return top ? inner : `(${inner})`;
}

/** One readable line saying what a segment is. */
export function DefinitionSummary({ definition }: { definition: SegmentDefinition }) {
  const { t, locale } = useI18n();
  const s = t.segments;
  let text: string;
  switch (definition.kind) {
    case "rule":
      text = nodeText(definition.rule, { s, t, locale }, true);
      break;
    case "rfm":
      text = `${s.rfm.preset}: ${RFM_PRESETS[definition.preset].label[locale]}`;
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
