"use client";

import { useMemo, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { formatPercent } from "@/lib/format";
import type { BasketArtifact } from "./types";

const PAGE = 50;

/** Association rules with filters on support, confidence, lift and a product search. */
export function RulesTable({ artifact, titles }: { artifact: BasketArtifact; titles: Array<{ id: number; en: string; zh: string }> }) {
  const { t, locale } = useI18n();
  const d = t.models.detail;
  const [minSupport, setMinSupport] = useState("");
  const [minConfidence, setMinConfidence] = useState("");
  const [minLift, setMinLift] = useState("1");
  const [search, setSearch] = useState("");
  const name = useMemo(() => new Map(titles.map((p) => [p.id, locale === "zh" ? p.zh : p.en] as const)), [titles, locale]);
  const label = (ids: number[]) => ids.map((id) => name.get(id) ?? `#${id}`).join(" + ");
  const filtered = useMemo(() => {
    const s = Number(minSupport) || 0;
    const c = Number(minConfidence) || 0;
    const l = Number(minLift) || 0;
    const q = search.trim().toLowerCase();
    return artifact.rules.filter(
      (r) => r.support >= s && r.confidence >= c && r.lift >= l && (!q || `${label(r.antecedent)} ${label(r.consequent)}`.toLowerCase().includes(q)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [artifact.rules, minSupport, minConfidence, minLift, search, name]);
  const input = (id: string, text: string, value: string, set: (v: string) => void, type = "number") => (
    <div className="field">
      <label htmlFor={id}>{text}</label>
      <input id={id} type={type} step="any" value={value} onChange={(e) => set(e.target.value)} data-testid={id} />
    </div>
  );
  return (
    <div>
      <div className="toolbar">
        {input("rules-min-support", d.minSupport, minSupport, setMinSupport)}
        {input("rules-min-confidence", d.minConfidence, minConfidence, setMinConfidence)}
        {input("rules-min-lift", d.minLift, minLift, setMinLift)}
        {input("rules-search", d.productSearch, search, setSearch, "search")}
      </div>
      <p className="cell-muted" data-testid="rules-count">
        {d.rulesShown(Math.min(PAGE, filtered.length), filtered.length)}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="rules-table">
          <thead>
            <tr>
              <th scope="col">{d.antecedent}</th>
              <th scope="col">{d.consequent}</th>
              <th scope="col">{d.support}</th>
              <th scope="col">{d.confidence}</th>
              <th scope="col">{d.lift}</th>
            </tr>
          </thead>
          <tbody>
            {filtered.length === 0 && (
              <tr>
                <td className="empty" colSpan={5}>
                  {d.noRules}
                </td>
              </tr>
            )}
            {filtered.slice(0, PAGE).map((r, i) => (
              <tr key={i}>
                <td data-i18n-skip>{label(r.antecedent)}</td>
                <td data-i18n-skip>{label(r.consequent)}</td>
                <td>{formatPercent(locale, r.support)}</td>
                <td>{formatPercent(locale, r.confidence)}</td>
                <td>{r.lift.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
