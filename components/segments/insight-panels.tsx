"use client";

import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { algorithmLabel } from "@/lib/i18n/model-label";
import { categoryLabel } from "@/lib/i18n/catalogue-label";
import { channelLabel } from "@/lib/i18n/customer-attribute-label";
import { featureLabel } from "@/lib/i18n/feature-label";
import { formatDateTime, formatNumber, formatPercent } from "@/lib/format";
import { formatDecimal, formatMoney } from "@/components/customers/format";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartEmpty } from "@/components/charts/chart-card";
import { AXIS_TICK, CHART_COLORS } from "@/components/charts/colors";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { TableStateRows } from "@/components/ui/table-state-rows";
import { SegmentName } from "./segment-name";
import type { ProfileFeatureKey } from "./types";

function useFieldLabel() {
  const { t } = useI18n();
  return (key: string) => featureLabel(t, key);
}

/** Long product titles would overlap on the chart's axis. */
function shorten(text: string, max = 22): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

function Loading() {
  return <Skeleton height={160} />;
}

export function SizePanel({ segmentId, showName }: { segmentId: string; showName?: boolean }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const trpc = useTRPC();
  const q = useQuery(trpc.segments.overview.queryOptions({ id: segmentId }));
  if (q.isError) return <QueryError message={q.error.message} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Loading />;
  const { segment, share, snapshots } = q.data;
  return (
    <>
      {showName && (
        <h2 className="card-title" data-testid="compare-name">
          <Link href={`/segments/${segment.id}`}>
            <SegmentName name={segment.name} />
          </Link> <span className="badge">{t.segments.kinds[segment.kind]}</span>
        </h2>
      )}
      <div className="kpi-grid">
        <div className="card">
          <div className="kpi-label">{d.size}</div>
          <div className="kpi-value" data-testid="segment-size-value">
            {formatNumber(locale, segment.memberCount ?? 0)}
          </div>
        </div>
        <div className="card">
          <div className="kpi-label">{d.share}</div>
          <div className="kpi-value">{formatPercent(locale, share)}</div>
        </div>
        <div className="card">
          <div className="kpi-label">{d.refreshed}</div>
          <div className="kpi-value kpi-value-small">{segment.lastRefreshedAt ? formatDateTime(locale, new Date(segment.lastRefreshedAt)) : t.segments.never}</div>
        </div>
      </div>
      <ChartCard title={d.trend} testId="segment-trend">
        {snapshots.length < 2 && <p className="cell-muted">{d.trendEmpty}</p>}
        {snapshots.length > 0 && <TimeSeriesChart data={snapshots.map((s) => ({ day: s.day, size: s.size }))} series={[{ key: "size", label: d.size, color: CHART_COLORS.primary }]} ariaLabel={d.trend} height={200} />}
      </ChartCard>
    </>
  );
}

export function KpiPanel({ segmentId }: { segmentId: string }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const trpc = useTRPC();
  const q = useQuery(trpc.segments.kpis.queryOptions({ id: segmentId }));
  if (q.isError) return <QueryError message={q.error.message} onRetry={() => void q.refetch()} />;
  const pct = (v: number | null) => (v === null ? "—" : formatPercent(locale, v));
  const money = (v: number | null) => (v === null ? "—" : formatMoney(locale, v));
  const items = q.data
    ? [
        { label: d.conversion, seg: pct(q.data.segment.conversion), pop: pct(q.data.population.conversion) },
        { label: d.revenuePerCustomer, seg: money(q.data.segment.revenuePerCustomerCents), pop: money(q.data.population.revenuePerCustomerCents) },
        { label: d.retention, seg: pct(q.data.segment.retention), pop: pct(q.data.population.retention) },
        { label: d.renewal, seg: pct(q.data.segment.renewal), pop: pct(q.data.population.renewal) },
        { label: d.churnRisk, seg: pct(q.data.segment.churnRisk), pop: pct(q.data.population.churnRisk) },
      ]
    : [];
  return (
    <ChartCard title={d.kpis} testId="segment-kpis">
      {!q.data ? (
        <Loading />
      ) : (
        <div className="kpi-grid">
          {items.map((item) => (
            <div key={item.label}>
              <div className="kpi-label">{item.label}</div>
              <div className="kpi-value kpi-value-small">{item.seg}</div>
              <div className="kpi-hint">{d.versus(item.pop)}</div>
            </div>
          ))}
        </div>
      )}
    </ChartCard>
  );
}

export function FeaturesPanel({ segmentId }: { segmentId: string }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const label = useFieldLabel();
  const trpc = useTRPC();
  const [picked, setPicked] = useState<ProfileFeatureKey | undefined>(undefined);
  // The histogram is computed for the feature shown; while another is fetched the last one stays.
  const q = useQuery({ ...trpc.segments.profile.queryOptions({ id: segmentId, feature: picked }), placeholderData: keepPreviousData });
  if (q.isError) return <QueryError message={q.error.message} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Loading />;
  const features = q.data.features;
  const pick = (value: string) => setPicked(features.find((f) => f.key === value)?.key);
  const histogram = q.data.histogram;
  const key = picked ?? histogram?.key ?? null;
  return (
    <>
      <ChartCard title={d.distinguishing} testId="segment-distinguishing">
        {q.data.distinguishing.length === 0 ? (
          <ChartEmpty message={d.membersEmpty} />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t.segments.builder.field}</th>
                  <th scope="col">{d.effectSize}</th>
                  <th scope="col">{d.segmentMean}</th>
                  <th scope="col">{d.populationMean}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.distinguishing.map((f) => (
                  <tr key={f.key}>
                    <td>
                      <button type="button" className="sort-button" onClick={() => pick(f.key)}>
                        {label(f.key)}
                      </button>
                    </td>
                    <td>
                      <span className="segments-effect" style={{ width: `${Math.min(100, Math.abs(f.effectSize) * 50)}px`, background: f.effectSize >= 0 ? "var(--chart-1)" : "var(--chart-3)" }} />
                      {formatDecimal(locale, f.effectSize, 2)}
                    </td>
                    <td>{f.segmentMean === null ? "—" : formatDecimal(locale, f.segmentMean, 2)}</td>
                    <td>{formatDecimal(locale, f.populationMean, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ChartCard>
      <ChartCard title={`${d.histogramOf}: ${key ? label(key) : ""}`} testId="segment-histogram">
        <select className="select select-sm" aria-label={d.histogramOf} value={key ?? ""} onChange={(event) => pick(event.target.value)}>
          {features.map((f) => (
            <option key={f.key} value={f.key}>
              {label(f.key)}
            </option>
          ))}
        </select>
        {histogram && (
          <div className="chart-box" style={{ height: 220 }} role="img" aria-label={`${d.histogramOf} ${label(histogram.key)}`} aria-busy={q.isPlaceholderData || undefined}>
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={histogram.bins.map((b) => ({ label: formatDecimal(locale, b.from, 1), segment: b.segmentShare, population: b.populationShare }))}>
                <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
                <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} />
                <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={44} tickFormatter={(v: number) => formatPercent(locale, v)} />
                <Tooltip formatter={(v) => (typeof v === "number" ? formatPercent(locale, v) : String(v))} />
                <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="segment" name={d.segment} fill={CHART_COLORS.primary} isAnimationActive={false} />
                <Bar dataKey="population" name={d.population} fill={CHART_COLORS.secondary} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </ChartCard>
    </>
  );
}

export function TopPanel({ segmentId }: { segmentId: string }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const trpc = useTRPC();
  const q = useQuery(trpc.segments.top.queryOptions({ id: segmentId }));
  if (q.isError) return <QueryError message={q.error.message} onRetry={() => void q.refetch()} />;
  return (
    <>
      <ChartCard title={d.topCategories} testId="segment-top-categories">
        {!q.data ? <Loading /> : q.data.categories.length === 0 ? <ChartEmpty message={d.membersEmpty} /> : <CategoryBarChart data={q.data.categories.map((c) => ({ label: categoryLabel(locale, c.category), value: c.buyers }))} valueLabel={d.buyers} ariaLabel={d.topCategories} />}
      </ChartCard>
      <ChartCard title={d.topProducts} testId="segment-top-products">
        {!q.data ? (
          <Loading />
        ) : q.data.products.length === 0 ? (
          <ChartEmpty message={d.membersEmpty} />
        ) : (
          <CategoryBarChart data={q.data.products.map((p) => ({ label: shorten(locale === "zh" ? p.labelZh : p.label), value: p.buyers }))} valueLabel={d.buyers} ariaLabel={d.topProducts} color={CHART_COLORS.secondary} labelsAreData />
        )}
      </ChartCard>
    </>
  );
}

export function RulesPanel({ segmentId }: { segmentId: string }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const x = t.segments.crossSell;
  const trpc = useTRPC();
  const q = useQuery(trpc.segments.rules.queryOptions({ id: segmentId }));
  if (q.isError) return <QueryError message={q.error.message} onRetry={() => void q.refetch()} />;
  const title = (titles: ReadonlyArray<{ en: string; zh: string }>) => titles.map((v) => (locale === "zh" ? v.zh : v.en)).join(" + ");
  return (
    <ChartCard title={d.rules} testId="segment-rules">
      {!q.data ? (
        <Loading />
      ) : (
        <>
          <p className="cell-muted">{d.rulesBaskets(formatNumber(locale, q.data.baskets))}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{d.rule}</th>
                  <th scope="col">{x.support}</th>
                  <th scope="col">{x.confidence}</th>
                  <th scope="col">{x.lift}</th>
                </tr>
              </thead>
              <tbody>
                <TableStateRows loading={false} empty={q.data.rules.length === 0} columnCount={4} emptyText={d.rulesEmpty} />
                {q.data.rules.map((r, i) => (
                  <tr key={i}>
                    <td data-i18n-skip>
                      {title(r.antecedentTitles)} → {title(r.consequentTitles)}
                    </td>
                    <td>{formatPercent(locale, r.support)}</td>
                    <td>{formatPercent(locale, r.confidence)}</td>
                    <td>{formatDecimal(locale, r.lift, 2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ChartCard>
  );
}

export function ModelMetricsPanel({ segmentId }: { segmentId: string }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const trpc = useTRPC();
  const q = useQuery(trpc.segments.modelMetrics.queryOptions({ id: segmentId }));
  if (q.isError) return <QueryError message={q.error.message} onRetry={() => void q.refetch()} />;
  const fmt = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatDecimal(locale, v, 3));
  return (
    <ChartCard title={d.models} testId="segment-models">
      {!q.data ? (
        <Loading />
      ) : q.data.length === 0 ? (
        <ChartEmpty message={d.modelsEmpty} />
      ) : (
        <>
          <p className="cell-muted">{d.modelsNote}</p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t.segments.builder.task}</th>
                  <th scope="col" />
                  <th scope="col">{d.scored}</th>
                  <th scope="col">{d.auc}</th>
                  <th scope="col">{d.accuracy}</th>
                  <th scope="col">{d.precision}</th>
                  <th scope="col">{d.recall}</th>
                  <th scope="col">{d.positives}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.flatMap((m) =>
                  (["segment", "population"] as const).map((scope) => {
                    const v = m[scope];
                    return (
                      <tr key={`${m.task}-${scope}`}>
                        <td>{scope === "segment" ? `${t.segments.tasks[m.task]} (${algorithmLabel(t.models, m.algorithm)} v${m.version})` : ""}</td>
                        <td>{scope === "segment" ? d.segment : d.population}</td>
                        <td>{v ? formatNumber(locale, v.n) : "—"}</td>
                        <td>{fmt(v?.auc)}</td>
                        <td>{fmt(v?.accuracy)}</td>
                        <td>{fmt(v?.precision)}</td>
                        <td>{fmt(v?.recall)}</td>
                        <td>{v ? formatPercent(locale, v.positiveRate) : "—"}</td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ChartCard>
  );
}

export function MembersPanel({ segmentId }: { segmentId: string }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const c = t.customers.columns;
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const q = useQuery({ ...trpc.segments.members.queryOptions({ id: segmentId, page, pageSize: 20 }), placeholderData: keepPreviousData });
  return (
    <ChartCard title={d.members} testId="segment-members">
      {q.isError && <QueryError message={q.error.message} onRetry={() => void q.refetch()} />}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{c.externalId}</th>
              <th scope="col">{c.name}</th>
              <th scope="col">{c.region}</th>
              <th scope="col">{c.channel}</th>
              <th scope="col">{c.frequency}</th>
              <th scope="col">{c.monetaryCents}</th>
              <th scope="col">{c.rfm}</th>
            </tr>
          </thead>
          <tbody>
            <TableStateRows loading={q.isPending} empty={q.data?.rows.length === 0} columnCount={7} emptyText={d.membersEmpty} />
            {q.data?.rows.map((row) => (
              <tr key={row.id} data-testid="member-row">
                <td>
                  <Link className="mono" href={`/customers/${row.id}`} data-i18n-skip>
                    {row.externalId}
                  </Link>
                </td>
                <td data-i18n-skip>{row.displayName ?? "—"}</td>
                <td>{row.region ?? "—"}</td>
                <td>{channelLabel(t, row.channel)}</td>
                <td>{row.frequency ?? "—"}</td>
                <td>{row.monetaryCents === null ? "—" : formatMoney(locale, row.monetaryCents)}</td>
                <td className="mono">{row.rScore === null ? "—" : `${row.rScore}${row.fScore ?? "-"}${row.mScore ?? "-"}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {q.data && <Pagination page={q.data.page} pageSize={q.data.pageSize} total={q.data.total} onPageChange={setPage} />}
    </ChartCard>
  );
}

export function CampaignsPanel({ segmentId }: { segmentId: string }) {
  const { t, locale } = useI18n();
  const d = t.segments.detail;
  const trpc = useTRPC();
  const q = useQuery(trpc.segments.overview.queryOptions({ id: segmentId }));
  const campaignWords = t.campaigns;
  return (
    <ChartCard title={d.campaigns} testId="segment-campaigns">
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.segments.name}</th>
              <th scope="col">{d.campaignStatus}</th>
              <th scope="col">{d.campaignGoal}</th>
              <th scope="col">{d.campaignChannel}</th>
              <th scope="col">{t.segments.columns.updated}</th>
            </tr>
          </thead>
          <tbody>
            <TableStateRows loading={q.isPending} empty={q.data?.campaigns.length === 0} columnCount={5} emptyText={d.campaignsEmpty} />
            {q.data?.campaigns.map((campaign) => (
              <tr key={campaign.id}>
                <td data-i18n-skip>
                  <Link href={`/campaigns/${campaign.id}`}>{campaign.name}</Link>
                </td>
                <td>
                  <span className="badge">{campaignWords.status[campaign.status as keyof typeof campaignWords.status] ?? campaign.status}</span>
                </td>
                <td>{campaignWords.goal[campaign.goal as keyof typeof campaignWords.goal] ?? campaign.goal}</td>
                <td>{campaignWords.channel[campaign.channel as keyof typeof campaignWords.channel] ?? campaign.channel}</td>
                <td className="cell-muted">{campaign.startsAt ? formatDateTime(locale, new Date(campaign.startsAt)) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ChartCard>
  );
}
