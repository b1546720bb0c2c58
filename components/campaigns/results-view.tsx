"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { segmentNameLabel } from "@/lib/i18n/segment-name";
import { formatDayShort } from "@/lib/format";
import { CHART_COLORS } from "@/components/charts/colors";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { BanditPanel } from "./bandit-panel";
import { count, interval, money, pct, pp, pValue, signedPct } from "./format";
import { CampaignLineChart } from "./line-chart";
import type { CampaignResults } from "./types";
import { VerdictCard } from "./verdict-card";

export function ResultsView({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const r = t.campaigns.results;
  const trpc = useTRPC();
  const [cuped, setCuped] = useState(false);
  const results = useQuery({ ...trpc.campaigns.results.queryOptions({ id: campaignId, cuped }), placeholderData: keepPreviousData });
  if (results.isError) return <QueryError message={results.error.message} onRetry={() => void results.refetch()} />;
  if (!results.data) return <Skeleton height={240} />;
  const data = results.data;
  return (
    <section className="campaigns-results" aria-labelledby="results-title" data-testid="campaign-results">
      <div className="campaigns-results-head">
        <h2 id="results-title">{r.title}</h2>
        <span className="cell-muted">{r.metric[data.metric]}</span>
        <label className="campaigns-toggle">
          <input type="checkbox" checked={cuped} onChange={(e) => setCuped(e.target.checked)} data-testid="cuped-toggle" /> {r.cuped}
        </label>
      </div>
      <SrmBanner srm={data.srm} />
      <VerdictCard verdict={data.verdict} ended={data.campaign.status === "completed" || data.campaign.status === "stopped"} />
      {data.arms.every((a) => a.exposures === 0) ? <p className="cell-muted">{r.noData}</p> : <ArmsTable data={data} cuped={cuped} />}
      {cuped && <p className="cell-muted">{r.cupedNote}</p>}
      <Timeline data={data} />
      <SegmentsTable data={data} />
      {data.bandit && <BanditPanel campaignId={campaignId} bandit={data.bandit} />}
    </section>
  );
}

function SrmBanner({ srm }: { srm: CampaignResults["srm"] }) {
  const { t } = useI18n();
  const r = t.campaigns.results;
  if (!srm.defined) return <p className="cell-muted">{r.srmNa}: {srm.reason}</p>;
  if (srm.mismatch)
    return (
      <div className="alert alert-error" role="alert" data-testid="srm-banner">
        {r.srm(pValue(srm.pValue))}
      </div>
    );
  return <p className="cell-muted" data-testid="srm-ok">{r.srmOk(pValue(srm.pValue))}</p>;
}

function ArmsTable({ data, cuped }: { data: CampaignResults; cuped: boolean }) {
  const { t, locale } = useI18n();
  const r = t.campaigns.results;
  const byVariant = new Map(data.comparisons.map((c) => [c.variantId, c]));
  const asPct = (x: number) => pct(locale, x);
  return (
    <div className="table-wrap">
      <table className="table" data-testid="arms-table">
        <thead>
          <tr>
            <th scope="col">{r.arm}</th>
            <th scope="col">{r.exposures}</th>
            <th scope="col">{r.conversions}</th>
            <th scope="col">{r.rate}</th>
            <th scope="col">{r.revenue}</th>
            <th scope="col">{r.lift}</th>
            <th scope="col">{r.relLift}</th>
            <th scope="col">{r.pValue}</th>
            <th scope="col">{r.pHolm}</th>
            <th scope="col">{r.pBeat}</th>
            <th scope="col">{r.loss}</th>
            {cuped && <th scope="col">{r.cupedLift}</th>}
          </tr>
        </thead>
        <tbody>
          {data.arms.map((arm) => {
            const c = arm.variantId ? byVariant.get(arm.variantId) : undefined;
            const diff = c?.conversion.difference;
            const rel = c?.conversion.relativeLift;
            const z = c?.conversion.zTest;
            const revenueP = data.metric === "revenue" && c?.revenue.defined ? c.revenue.pValue : undefined;
            return (
              <tr key={arm.key} data-testid="arm-row" data-arm={arm.key}>
                <th scope="row">
                  {arm.name} {arm.isControl && arm.name.toLowerCase() !== r.controlTag.toLowerCase() && <span className="badge">{r.controlTag}</span>}
                  {arm.isHoldout && arm.name.toLowerCase() !== r.holdoutTag.toLowerCase() && <span className="badge">{r.holdoutTag}</span>}
                </th>
                <td>{count(locale, arm.exposures)}</td>
                <td>{count(locale, arm.conversions)}</td>
                <td>{arm.rate.defined ? `${asPct(arm.rate.rate)} ${interval(arm.rate.wilson.lower, arm.rate.wilson.upper, asPct)}` : r.undefinedValue}</td>
                <td>{arm.revenuePerCustomer === null ? "—" : money(locale, arm.revenuePerCustomer)}</td>
                <td data-testid="arm-lift">{!c ? "—" : diff?.defined ? `${pp(diff.estimate)} ${interval(diff.ci.lower, diff.ci.upper, pp)}` : <span title={diff?.reason}>{r.undefinedValue}</span>}</td>
                <td>{!c ? "—" : rel?.defined ? `${signedPct(locale, rel.estimate)} ${interval(rel.ci.lower, rel.ci.upper, (x) => signedPct(locale, x))}` : <span title={rel?.reason}>{r.undefinedValue}</span>}</td>
                <td>{!c ? "—" : revenueP !== undefined ? pValue(revenueP) : z?.defined ? pValue(z.pValue) : r.undefinedValue}</td>
                <td>{c ? pValue(c.pValueHolm) : "—"}</td>
                <td data-testid="arm-pbeat">{c ? pct(locale, c.probBeatControl, 1) : "—"}</td>
                <td>{c ? pp(c.expectedLoss) : "—"}</td>
                {cuped && <td>{c ? <CupedCell comparison={c} metric={data.metric} /> : "—"}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CupedCell({ comparison, metric }: { comparison: CampaignResults["comparisons"][number]; metric: "conversion" | "revenue" }) {
  const { t, locale } = useI18n();
  const adjusted = comparison.cuped?.adjusted;
  if (!adjusted?.defined) return <>{t.campaigns.results.undefinedValue}</>;
  const as = metric === "revenue" ? (x: number) => money(locale, x) : pp;
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
  const points = data.timeline.filter((p) => p.diff !== null);
  return (
    <section className="card" aria-label={r.timeline}>
      <h3 className="card-title">{r.timeline}</h3>
      {data.timelineArm && <p className="cell-muted">{r.timelineFor(data.timelineArm)}</p>}
      {points.length < 2 ? (
        <p className="cell-muted">{r.timelineEmpty}</p>
      ) : (
        <CampaignLineChart
          testId="lift-timeline"
          data={points.map((p) => ({ day: p.day, diff: p.diff, lower: p.lower, upper: p.upper }))}
          x="day"
          lines={[
            { key: "diff", label: r.diff, color: CHART_COLORS.primary },
            { key: "lower", label: r.lower, color: CHART_COLORS.secondary, dashed: true },
            { key: "upper", label: r.upper, color: CHART_COLORS.secondary, dashed: true },
          ]}
          ariaLabel={r.timeline}
          format={pp}
          formatAxis={(v) => (v * 100).toFixed(0)}
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
                <tr key={`${s.segmentId}-${s.variantKey}`}>
                  <td>{segmentNameLabel(t, locale, s.segmentName)}</td>
                  <td>{s.variantKey}</td>
                  <td>{count(locale, s.controlN + s.treatmentN)}</td>
                  <td>{s.controlRate === null ? "—" : pct(locale, s.controlRate)}</td>
                  <td>{s.treatmentRate === null ? "—" : pct(locale, s.treatmentRate)}</td>
                  <td>{s.diff === null ? "—" : pp(s.diff)}</td>
                  <td>{pValue(s.pValue)}</td>
                  <td>{pValue(s.pValueHolm)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
