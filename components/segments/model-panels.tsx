"use client";

import { useI18n } from "@/lib/i18n/client";
import { clusterNameLabel } from "@/lib/i18n/feature-label";
import { formatDecimal } from "@/components/customers/format";
import { formatNumber, formatPercent } from "@/lib/format";
import { cutTree } from "@/lib/shared/hierarchy-cut";
import type { ClusterDefinition, CrossSellDefinition, ScoreDefinition } from "@/server/segments";
import { Dendrogram } from "./dendrogram";
import type { ModelSources } from "./types";

export function ClusterPanel({ sources, value, onChange }: { sources: ModelSources | undefined; value: ClusterDefinition; onChange(next: ClusterDefinition): void }) {
  const { t, locale } = useI18n();
  const c = t.segments.cluster;
  const kmeans = sources?.clusters;
  const tree = sources?.hierarchy;
  if (!kmeans && !tree) return <p className="alert alert-info">{c.none}</p>;
  const mode = value.cut ? "hierarchy" : "kmeans";
  const groups = value.cut?.groups ?? 4;
  const groupSizes = tree
    ? cutTree(tree.leafCount, tree.merges, Math.min(groups, tree.leafCount)).reduce<number[]>((sizes, g, leaf) => {
        sizes[g] = (sizes[g] ?? 0) + (tree.leafSizes[leaf] ?? 0);
        return sizes;
      }, [])
    : [];
  return (
    <div className="segments-stack">
      <div className="segments-inline-group" role="radiogroup">
        {kmeans && (
          <label className="segments-inline">
            <input type="radio" checked={mode === "kmeans"} onChange={() => onChange({ kind: "cluster", cluster: 0 })} />
            {c.kmeans}
          </label>
        )}
        {tree && (
          <label className="segments-inline">
            <input type="radio" checked={mode === "hierarchy"} onChange={() => onChange({ kind: "cluster", cut: { groups: Math.min(4, tree.leafCount), group: 0 } })} />
            {c.hierarchy}
          </label>
        )}
      </div>
      {mode === "kmeans" && kmeans && (
        <ul className="segments-choice-list" data-testid="cluster-list">
          {kmeans.clusters.map((cluster) => (
            <li key={cluster.index}>
              <label className="segments-inline">
                <input type="radio" name="cluster" checked={value.cluster === cluster.index} onChange={() => onChange({ kind: "cluster", cluster: cluster.index })} />
                <strong>#{cluster.index}</strong> {clusterNameLabel(t, cluster.name)} <span className="cell-muted">{c.groupSize(formatNumber(locale, cluster.size))}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {mode === "hierarchy" && tree && (
        <>
          <Dendrogram leafCount={tree.leafCount} merges={tree.merges} groups={Math.min(groups, tree.leafCount)} ariaLabel={c.dendrogram} />
          <p className="cell-muted">{c.dendrogram}</p>
          <div className="field">
            <label htmlFor="cut-groups">
              {c.cutLevel}: {groups}
            </label>
            <input id="cut-groups" type="range" min={2} max={Math.min(12, tree.leafCount)} value={groups} onChange={(event) => onChange({ kind: "cluster", cut: { groups: Number(event.target.value), group: 0 } })} />
          </div>
          <ul className="segments-choice-list">
            {groupSizes.map((size, group) => (
              <li key={group}>
                <label className="segments-inline">
                  <input type="radio" name="cut-group" checked={value.cut?.group === group} onChange={() => onChange({ kind: "cluster", cut: { groups, group } })} />
                  {c.group} {group + 1} <span className="cell-muted">{c.groupSize(formatNumber(locale, size))}</span>
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function ScorePanel({ sources, value, onChange }: { sources: ModelSources | undefined; value: ScoreDefinition; onChange(next: ScoreDefinition): void }) {
  const { t } = useI18n();
  const s = t.segments;
  const active = sources?.classifiers[value.task];
  return (
    <div className="segments-stack">
      <div className="field">
        <label htmlFor="score-task">{s.builder.task}</label>
        <select
          id="score-task"
          className="select"
          value={value.task}
          onChange={(event) => onChange(event.target.value === "churn" ? { kind: "score", task: "churn", tier: "high" } : { kind: "score", task: "propensity", decile: 1 })}
        >
          <option value="propensity">{s.tasks.propensity}</option>
          <option value="churn">{s.tasks.churn}</option>
        </select>
      </div>
      {sources && !active && <p className="alert alert-info">{s.score.none}</p>}
      <div className="field">
        <label htmlFor="score-band">{s.score.decileOrTier}</label>
        <select
          id="score-band"
          className="select"
          value={value.tier ?? `d${value.decile ?? 1}`}
          onChange={(event) => {
            const v = event.target.value;
            onChange(v.startsWith("d") ? { kind: "score", task: value.task, decile: Number(v.slice(1)) } : { kind: "score", task: value.task, tier: v as "high" | "medium" | "low" });
          }}
        >
          {value.task === "churn" &&
            (["high", "medium", "low"] as const).map((tier) => (
              <option key={tier} value={tier}>
                {s.tiers[tier]}
              </option>
            ))}
          {Array.from({ length: 10 }, (_, i) => (
            <option key={i} value={`d${i + 1}`}>
              {s.decile(i + 1)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function CrossSellPanel({ sources, value, onChange }: { sources: ModelSources | undefined; value: CrossSellDefinition | null; onChange(next: CrossSellDefinition): void }) {
  const { t, locale } = useI18n();
  const x = t.segments.crossSell;
  const baskets = sources?.baskets;
  if (!baskets) return <p className="alert alert-info">{x.none}</p>;
  const title = (titles: ReadonlyArray<{ en: string; zh: string }>) => titles.map((v) => (locale === "zh" ? v.zh : v.en)).join(" + ");
  const key = (ids: readonly number[]) => [...ids].sort((a, b) => a - b).join(",");
  return (
    <div className="segments-stack">
      <p className="cell-muted">{x.pick}</p>
      <div className="table-wrap segments-scroll">
        <table className="table" data-testid="cross-sell-rules">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{x.antecedent}</th>
              <th scope="col">{x.consequent}</th>
              <th scope="col">{x.support}</th>
              <th scope="col">{x.confidence}</th>
              <th scope="col">{x.lift}</th>
            </tr>
          </thead>
          <tbody>
            {baskets.rules.length === 0 && (
              <tr>
                <td className="empty" colSpan={6}>
                  {x.none}
                </td>
              </tr>
            )}
            {baskets.rules.map((rule, index) => {
              const checked = value !== null && key(value.antecedent) === key(rule.antecedent) && key(value.consequent) === key(rule.consequent);
              return (
                <tr key={index}>
                  <td>
                    <input type="radio" name="cross-sell-rule" aria-label={`${title(rule.antecedentTitles)} → ${title(rule.consequentTitles)}`} checked={checked} onChange={() => onChange({ kind: "cross_sell", antecedent: rule.antecedent, consequent: rule.consequent })} />
                  </td>
                  <td data-i18n-skip>{title(rule.antecedentTitles)}</td>
                  <td data-i18n-skip>{title(rule.consequentTitles)}</td>
                  <td>{formatPercent(locale, rule.support)}</td>
                  <td>{formatPercent(locale, rule.confidence)}</td>
                  <td>{formatDecimal(locale, rule.lift, 2)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
