"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { statsReasonLabel } from "@/lib/i18n/stats-reasons";
import { DATA_SLOT, WithData } from "@/components/ui/with-data";
import { formatDayShort } from "@/lib/format";
import { CHART_COLORS } from "@/components/charts/colors";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { BanditPanel } from "./bandit-panel";
import { count, interval, money, pct, pp, pValue } from "./format";
import { EffectTable, isRateMetric, useMetricFormat, type EffectRow } from "./effect-table";
import { IntervalPlot, type IntervalRow } from "./interval-plot";
import { CampaignLineChart } from "./line-chart";
import type { CampaignResults } from "./types";
import { VerdictCard } from "./verdict-card";
import { SegmentName } from "@/components/segments/segment-name";

export function ResultsView({ campaignId }: { campaignId: string }) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  const trpc = useTRPC();
  const [cuped, setCuped] = useState(false);
  const results = useQuery({ ...trpc.campaigns.results.queryOptions({ id: campaignId, cuped }), placeholderData: keepPreviousData });
  if (results.isError) return <QueryError message={results.error.message} onRetry={() => void results.refetch()} />;
  if (!results.data) return <Skeleton height={240} />;
  const data = results.data;
  const cap = data.options.cap;
  const noData = data.arms.every((a) => a.exposures === 0);
  return (
    <section className="campaigns-results" aria-labelledby="results-title" data-testid="campaign-results">
      <div className="campaigns-results-head">
        <h2 id="results-title">{r.title}</h2>
        <span className="badge" data-testid="primary-metric">{r.primaryTitle(r.metricName[data.metric])}</span>
        <span className="badge" data-testid="correction-badge" data-correction={data.options.correction} title={r.help[data.options.correction]}>
          {r.correctionBadge[data.options.correction]}
        </span>
        <span className="badge" data-testid="winsorise-badge" data-winsorise={data.options.winsorise} title={t.campaigns.readoutOptions.help.winsorise}>
          {r.winsoriseBadge(data.options.winsorise, cap === null ? null : money(locale, cap))}
        </span>
        <label className="campaigns-toggle" title={r.help.cuped}>
          <input type="checkbox" checked={cuped} onChange={(e) => setCuped(e.target.checked)} data-testid="cuped-toggle" /> {r.cuped}
        </label>
      </div>
      <SrmBanner srm={data.srm} />
      <VerdictCard verdict={data.verdict} ended={data.campaign.status === "completed" || data.campaign.status === "stopped"} correction={data.options.correction} />
      {noData ? (
        <p className="cell-muted">{r.noData}</p>
      ) : (
        <>
          <PrimaryBlock data={data} cuped={cuped} />
          {cuped && <p className="cell-muted">{r.cupedNote}</p>}
          <Timeline data={data} />
          <SecondaryBlock data={data} />
          <GuardrailBlock data={data} />
          <HoldoutBlock data={data} />
        </>
      )}
      <SegmentsTable data={data} />
      {data.bandit && <BanditPanel campaignId={campaignId} bandit={data.bandit} />}
    </section>
  );
}

type Comparison = CampaignResults["comparisons"][number];
type Effect = EffectRow["effect"];

/** The secondary metrics, each in its own table (never in the correction family). */
function SecondaryBlock({ data }: { data: CampaignResults }) {
  const { t } = useI18n();
  const r = t.campaigns.results;
  const metrics = data.comparisons[0]?.secondaries.map((e) => e.metric) ?? [];
  return (
    <section className="card" aria-label={r.secondaryBlock} data-testid="secondary-block">
      <h3 className="card-title">{r.secondaryBlock}</h3>
      <p className="cell-muted">{r.secondaryNote}</p>
      {metrics.map((metric, i) => (
        <div key={metric} data-testid="secondary-metric" data-metric={metric}>
          <h4>{r.secondaryTitle(r.metricName[metric])}</h4>
          <EffectTable rows={rowsFor(data, (c): Effect => c.secondaries[i])} metric={metric} baseline="control" testId={`secondary-table-${metric}`} />
        </div>
      ))}
    </section>
  );
}

/** Refund rate and discount cost per arm against control, flagged in words when one worsens significantly; no invented unsubscribe rate. */
function GuardrailBlock({ data }: { data: CampaignResults }) {
  const { t } = useI18n();
  const r = t.campaigns.results;
  const metrics = data.comparisons[0]?.guardrails.map((e) => e.metric) ?? [];
  const worsened = data.comparisons.flatMap((c) => c.guardrails.filter((g) => g.worsened).map((g) => ({ arm: c.name, metric: g.metric })));
  return (
    <section className="card" aria-label={r.guardrailTitle} data-testid="guardrail-block">
      <h3 className="card-title" title={r.help.guardrail}>{r.guardrailTitle}</h3>
      <p className="cell-muted">{r.guardrailNote}</p>
      {worsened.length === 0 ? (
        <p className="cell-muted" data-testid="guardrail-ok">{r.guardrailOk}</p>
      ) : (
        worsened.map((w) => (
          <p key={`${w.arm}-${w.metric}`} className="alert alert-error" data-testid="guardrail-worsened">
            <WithData text={r.guardrailWorsened(DATA_SLOT, r.metricName[w.metric])} value={w.arm} />
          </p>
        ))
      )}
      {metrics.map((metric, i) => (
        <div key={metric} data-testid="guardrail-metric" data-metric={metric}>
          <h4>{r.metricName[metric]}</h4>
          <EffectTable rows={rowsFor(data, (c): Effect => c.guardrails[i])} metric={metric} baseline="control" testId={`guardrail-table-${metric}`} />
        </div>
      ))}
      <p className="cell-muted" data-testid="unsubscribe-none">{r.unsubscribeNone}</p>
    </section>
  );
}

/** The arms that take part in the control comparison (holdout has its own block), each with its effect. */
function rowsFor(data: CampaignResults, pick: (c: Comparison) => EffectRow["effect"]): EffectRow[] {
  const byVariant = new Map(data.comparisons.map((c) => [c.variantId, c]));
  return data.arms.filter((a) => !a.isHoldout).map((arm) => {
    const c = arm.variantId ? byVariant.get(arm.variantId) : undefined;
    return { arm, effect: c ? pick(c) : undefined };
  });
}

function plotRows(rows: EffectRow[]): IntervalRow[] {
  return rows
    .filter((row) => row.effect)
    .map(({ arm, effect }) => {
      const d = effect?.difference;
      return d?.defined
        ? { key: arm.key, name: arm.name, estimate: d.estimate, lower: d.ci.lower, upper: d.ci.upper }
        : { key: arm.key, name: arm.name, estimate: null, lower: null, upper: null, reason: d?.reason ?? "" };
    });
}

function PrimaryBlock({ data, cuped }: { data: CampaignResults; cuped: boolean }) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  const f = useMetricFormat(data.metric);
  const rows = rowsFor(data, (c) => c.primary);
  const byVariant = new Map(data.comparisons.map((c) => [c.variantId, c]));
  // Where one interval excludes zero and the other does not, say why rather than leave a puzzle.
  const disagreements = rows.filter(({ effect: e }) => {
    if (!e?.difference.defined || !e.relative.defined || !e.relative.ci) return false;
    const abs = e.difference.ci.lower > 0 || e.difference.ci.upper < 0;
    const rel = e.relative.ci.lower > 0 || e.relative.ci.upper < 0;
    return abs !== rel;
  });
  return (
    <section className="card" aria-label={r.primaryTitle(r.metricName[data.metric])} data-testid="primary-block">
      <h3 className="card-title">{r.primaryTitle(r.metricName[data.metric])}</h3>
      <p className="cell-muted">{r.primaryNote}</p>
      <IntervalPlot rows={plotRows(rows)} format={f.diff} title={r.intervalPlot} testId="interval-plot" noInterval={(row) => r.noIntervalFor(statsReasonLabel(locale, row.reason ?? ""))} />
      <EffectTable
        rows={rows}
        metric={data.metric}
        baseline="control"
        testId="arms-table"
        correction={data.options.correction}
        extra={cuped ? (row) => { const c = row.arm.variantId ? byVariant.get(row.arm.variantId) : undefined; return c ? <CupedCell comparison={c} metric={data.metric} /> : "—"; } : undefined}
      />
      {disagreements.map(({ arm }) => (
        <p key={arm.key} className="alert alert-info" data-testid="relative-disagrees">
          <WithData text={r.relativeDisagrees(DATA_SLOT)} value={arm.name} />
        </p>
      ))}
    </section>
  );
}

function HoldoutBlock({ data }: { data: CampaignResults }) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  const f = useMetricFormat(data.metric);
  const holdoutArm = data.arms.find((a) => a.isHoldout);
  if (!holdoutArm || data.holdout.length === 0) return null;
  const byVariant = new Map(data.holdout.map((h) => [h.variantId, h.effect]));
  const rows: EffectRow[] = [
    ...data.arms.filter((a) => !a.isHoldout).map((arm) => ({ arm, effect: arm.variantId ? byVariant.get(arm.variantId) : undefined })),
    { arm: holdoutArm },
  ];
  return (
    <section className="card" aria-label={r.holdoutTitle} data-testid="holdout-block">
      <h3 className="card-title">{r.holdoutTitle}</h3>
      <p className="cell-muted">{r.holdoutNote}</p>
      <IntervalPlot rows={plotRows(rows)} format={f.diff} title={r.intervalPlotVsHoldout} testId="holdout-interval-plot" noInterval={(row) => r.noIntervalFor(statsReasonLabel(locale, row.reason ?? ""))} />
      <EffectTable rows={rows} metric={data.metric} baseline="holdout" testId="holdout-table" />
    </section>
  );
}

function SrmBanner({ srm }: { srm: CampaignResults["srm"] }) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  if (!srm.defined) return <p className="cell-muted" title={r.help.srm}>{r.srmNa}: {statsReasonLabel(locale, srm.reason)}</p>;
  if (srm.mismatch)
    return (
      <div className="alert alert-error" role="alert" data-testid="srm-banner" title={r.help.srm}>
        {r.srm(pValue(srm.pValue))}
      </div>
    );
  return <p className="cell-muted" data-testid="srm-ok" title={r.help.srm}>{r.srmOk(pValue(srm.pValue))}</p>;
}

function CupedCell({ comparison, metric }: { comparison: CampaignResults["comparisons"][number]; metric: CampaignResults["metric"] }) {
  const { t, locale } = useI18n();
  const adjusted = comparison.cuped?.adjusted;
  if (!adjusted?.defined) return <>{t.campaigns.results.undefinedValue}</>;
  const as = isRateMetric(metric) ? pp : (x: number) => money(locale, x);
  const reduction = comparison.cuped?.varianceReduction;
  return (
    <span data-testid="cuped-cell">
      {as(adjusted.diff)} {interval(adjusted.ci.lower, adjusted.ci.upper, as)}
      {reduction?.defined && <span className="cell-muted"> · {t.campaigns.results.cupedReduction(pct(locale, reduction.value, 0))}</span>}
    </span>
  );
}

function Timeline({ data }: { data: CampaignResults }) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  const f = useMetricFormat(data.metric);
  const points = data.timeline.filter((p) => p.diff !== null);
  return (
    <section className="card" aria-label={r.timeline}>
      <h3 className="card-title" title={r.help.sequential}>{r.timeline}</h3>
      <p className="cell-muted">{r.primaryTitle(r.metricName[data.metric])}</p>
      {data.timelineArm && (
        <p className="cell-muted">
          <WithData text={r.timelineFor(DATA_SLOT)} value={data.timelineArm} />
        </p>
      )}
      {points.length < 2 ? (
        <p className="cell-muted">{r.timelineEmpty}</p>
      ) : (
        <CampaignLineChart
          testId="lift-timeline"
          data={points.map((p) => ({ day: p.day, diff: p.diff, lower: p.lower, upper: p.upper }))}
          x="day"
          lines={[
            { key: "diff", label: r.diffOf[data.metric], color: CHART_COLORS.primary },
            { key: "lower", label: r.lower, color: CHART_COLORS.secondary, dashed: true },
            { key: "upper", label: r.upper, color: CHART_COLORS.secondary, dashed: true },
          ]}
          ariaLabel={r.timeline}
          format={f.diff}
          formatAxis={(v) => (isRateMetric(data.metric) ? (v * 100).toFixed(0) : v.toFixed(0))}
          formatX={(d) => formatDayShort(locale, String(d))}
          zeroLine
        />
      )}
    </section>
  );
}

function SegmentsTable({ data }: { data: CampaignResults }) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  return (
    <section className="card" aria-label={r.segments}>
      <h3 className="card-title">{r.segments}</h3>
      {data.segments.length === 0 ? (
        <p className="cell-muted">{r.segmentsEmpty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="segments-breakdown">
            <thead>
              <tr>
                <th scope="col">{r.segmentCol}</th>
                <th scope="col">{r.treatmentCol}</th>
                <th scope="col">{r.exposures}</th>
                <th scope="col">{r.controlRate}</th>
                <th scope="col">{r.treatmentRate}</th>
                <th scope="col">{r.lift}</th>
                <th scope="col">{r.pValue}</th>
                <th scope="col">{r.pHolm}</th>
              </tr>
            </thead>
            <tbody>
              {data.segments.map((s) => (
                <tr key={`${s.segmentId}-${s.variantKey}`} className={s.tooSmall ? "row-muted" : undefined} title={s.tooSmall ? r.cellTooSmall(s.tooSmall) : undefined} data-testid="segment-cell" data-too-small={s.tooSmall ? "true" : "false"}>
                  <td>
                    <SegmentName name={s.segmentName} />
                  </td>
                  <td data-i18n-skip>{s.variantKey}</td>
                  <td>{count(locale, s.controlN + s.treatmentN)}</td>
                  <td>{s.controlRate === null ? "—" : pct(locale, s.controlRate)}</td>
                  <td>{s.treatmentRate === null ? "—" : pct(locale, s.treatmentRate)}</td>
                  <td>{s.diff === null ? "—" : pp(s.diff)}</td>
                  <td>{s.tooSmall ? <span className="cell-muted">{r.cellTooSmall(s.tooSmall)}</span> : pValue(s.pValue)}</td>
                  <td>{s.tooSmall ? "" : pValue(s.pValueHolm)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
