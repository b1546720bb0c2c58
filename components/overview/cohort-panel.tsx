"use client";

import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatNumber, formatPercent } from "@/lib/format";
import { ChartCard, ChartEmpty } from "@/components/charts/chart-card";
import { AXIS_TICK, CHART_COLORS } from "@/components/charts/colors";
import { formatMoney } from "@/components/customers/format";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { shiftDay, type OverviewFilters } from "./use-overview-filters";

const LINE_COLORS = [CHART_COLORS.primary, CHART_COLORS.secondary, CHART_COLORS.tertiary, CHART_COLORS.quaternary];

/** Cell colour: the brand hue at an opacity proportional to retention. */
function heat(share: number): string {
  return `color-mix(in srgb, var(--chart-1) ${Math.round(6 + 55 * Math.min(1, share))}%, transparent)`;
}

/**
 * A triangle needs several cohorts: a short range (say the last 30 days) would hold one or two, so
 * the cohort window reaches back at least 12 months (or 12 weeks) from the range's end.
 */
function cohortFilters(filters: OverviewFilters, grain: "week" | "month"): OverviewFilters {
  const back = grain === "month" ? 364 : 83;
  const earliest = shiftDay(filters.to, -back);
  return { ...filters, from: filters.from < earliest ? filters.from : earliest };
}

export function CohortPanel({ filters, grain, onGrain }: { filters: OverviewFilters; grain: "week" | "month"; onGrain(grain: "week" | "month"): void }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const c = t.overview.cohorts;
  const cohortWindow = cohortFilters(filters, grain);
  const triangle = useQuery(trpc.kpi.cohorts.queryOptions({ filters: cohortWindow, grain }));
  if (triangle.isError) return <QueryError message={triangle.error.message} onRetry={() => void triangle.refetch()} />;
  const data = triangle.data;
  const periods = Array.from({ length: data?.periods ?? 0 }, (_, n) => n);
  // LTV chart: one line per cohort (the latest 8 months keep it readable), x = months since signup.
  const ltvRows = data && data.grain === "month" ? data.rows.slice(-8) : [];
  const ltvData = periods.map((n) => Object.fromEntries([["n", n], ...ltvRows.map((row) => [row.cohort, row.ltv[n] === null || row.ltv[n] === undefined ? null : row.ltv[n]! / 100])]));
  return (
    <>
      <ChartCard title={c.title} testId="overview-cohorts">
        <div className="overview-filter-row">
          <p className="cell-muted">
            {c.hint} {c.window(cohortWindow.from, cohortWindow.to)}
          </p>
          <div role="group" className="overview-tabs-inline">
            <button type="button" className={grain === "month" ? "btn btn-secondary btn-sm" : "btn btn-ghost btn-sm"} aria-pressed={grain === "month"} onClick={() => onGrain("month")}>
              {c.month}
            </button>
            <button type="button" className={grain === "week" ? "btn btn-secondary btn-sm" : "btn btn-ghost btn-sm"} aria-pressed={grain === "week"} onClick={() => onGrain("week")}>
              {c.week}
            </button>
          </div>
        </div>
        {!data ? (
          <Skeleton height={220} />
        ) : data.rows.length === 0 ? (
          <ChartEmpty message={c.empty} />
        ) : (
          <div className="table-wrap">
            <table className="table overview-heatmap" data-testid="cohort-heatmap">
              <thead>
                <tr>
                  <th scope="col">{c.cohort}</th>
                  <th scope="col">{c.size}</th>
                  {periods.map((n) => (
                    <th scope="col" key={n}>
                      {c.period(n)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row) => (
                  <tr key={row.cohort}>
                    <th scope="row">{row.cohort}</th>
                    <td>{formatNumber(locale, row.size)}</td>
                    {row.retention.map((share, n) => {
                      const running = row.currentPeriod === n;
                      return (
                        <td
                          key={n}
                          className={running ? "cohort-running" : undefined}
                          data-running={running ? "true" : undefined}
                          style={share === null ? undefined : { background: heat(share), fontStyle: running ? "italic" : undefined }}
                          title={share === null ? undefined : running ? `${formatPercent(locale, share)} · ${c.running}` : formatPercent(locale, share)}
                        >
                          {share === null ? "" : formatPercent(locale, share)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                <tr className="overview-heatmap-average" data-testid="cohort-average">
                  <th scope="row" title={c.averageHint}>
                    {c.average}
                  </th>
                  <td />
                  {data.average.map((share, n) => (
                    <td key={n}>{share === null ? "" : formatPercent(locale, share)}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        )}
      </ChartCard>
      {data && data.grain === "month" && data.rows.length > 0 && (
        <ChartCard title={c.ltvTitle} testId="overview-ltv">
          <p className="cell-muted">{c.ltvHint}</p>
          <div className="chart-box" style={{ height: 280 }} role="img" aria-label={c.ltvTitle}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={ltvData} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
                <XAxis dataKey="n" tick={AXIS_TICK} tickLine={false} axisLine={false} label={{ value: c.monthsSince, position: "insideBottomRight", offset: -2, fontSize: 12 }} />
                <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => formatNumber(locale, v)} />
                <Tooltip formatter={(value) => (typeof value === "number" ? formatMoney(locale, value * 100) : String(value))} />
                <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
                {ltvRows.map((row, i) => (
                  <Line key={row.cohort} type="monotone" dataKey={row.cohort} stroke={LINE_COLORS[i % LINE_COLORS.length]} strokeOpacity={0.4 + (0.6 * (i + 1)) / ltvRows.length} dot={false} isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        </ChartCard>
      )}
    </>
  );
}
