"use client";

import { useQuery } from "@tanstack/react-query";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatNumber, formatPercent } from "@/lib/format";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartEmpty } from "@/components/charts/chart-card";
import { AXIS_TICK, CHART_COLORS } from "@/components/charts/colors";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { OverviewFilters } from "./use-overview-filters";
import { SegmentName } from "@/components/segments/segment-name";

export function CourseDetail({ filters, productId }: { filters: OverviewFilters; productId: number }) {
  const { t, locale } = useI18n();
  const c = t.overview.courses;
  const trpc = useTRPC();
  const detail = useQuery(trpc.kpi.course.queryOptions({ filters, productId }));
  if (detail.isError) return <QueryError message={detail.error.message} onRetry={() => void detail.refetch()} />;
  if (!detail.data) return <Skeleton height={240} />;
  const d = detail.data;
  const percent = (value: number | null) => (value === null ? "—" : formatPercent(locale, value));
  return (
    <div className="overview-course" data-testid="course-detail">
      <section className="card">
        <h2 className="card-title" data-i18n-skip>
          {locale === "zh" ? d.product.titleZh : d.product.titleEn}
        </h2>
        <div className="kpi-grid">
          <div>
            <div className="kpi-label">{c.buyers}</div>
            <div className="kpi-value">{formatNumber(locale, d.buyers)}</div>
          </div>
          <div>
            <div className="kpi-label">{c.completion}</div>
            <div className="kpi-value">{percent(d.completionRate)}</div>
          </div>
          <div>
            <div className="kpi-label">{c.refundRate}</div>
            <div className="kpi-value">{percent(d.refundRate)}</div>
          </div>
          <div>
            <div className="kpi-label">{c.learners}</div>
            <div className="kpi-value">{formatNumber(locale, d.learners)}</div>
          </div>
        </div>
      </section>
      <ChartCard title={c.bySegment}>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{c.segment}</th>
                <th scope="col">{c.viewers}</th>
                <th scope="col">{c.buyers}</th>
                <th scope="col">{c.fullPrice}</th>
                <th scope="col">{c.coupon}</th>
                <th scope="col">{c.couponShare}</th>
              </tr>
            </thead>
            <tbody>
              {d.conversion.map((row) => (
                <tr key={row.segmentId ?? "all"}>
                  <td>{row.segmentName === null ? <strong>{c.everyone}</strong> : <SegmentName name={row.segmentName} />}</td>
                  <td>{formatNumber(locale, row.viewers)}</td>
                  <td>{formatNumber(locale, row.buyers)}</td>
                  <td>{percent(row.fullPriceConversion)}</td>
                  <td>{percent(row.couponConversion)}</td>
                  <td>{percent(row.couponShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartCard>
      <div className="chart-grid">
        <ChartCard title={c.dropOff}>
          {d.dropOff.every((n) => n === 0) ? (
            <ChartEmpty message={c.empty} />
          ) : (
            <CategoryBarChart data={d.dropOff.map((value, i) => ({ label: c.dropOffBucket(i * 10), value }))} valueLabel={c.learners} ariaLabel={c.dropOff} />
          )}
        </ChartCard>
        <ChartCard title={c.ratingTrend}>
          {d.trend.length === 0 ? (
            <ChartEmpty message={c.noRatings} />
          ) : (
            <div className="chart-box" style={{ height: 260 }} role="img" aria-label={c.ratingTrend}>
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={d.trend} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
                  <XAxis dataKey="month" tick={AXIS_TICK} tickLine={false} axisLine={false} />
                  <YAxis yAxisId="rating" domain={[1, 5]} tick={AXIS_TICK} tickLine={false} axisLine={false} width={32} />
                  <YAxis yAxisId="sentiment" orientation="right" domain={[-1, 1]} tick={AXIS_TICK} tickLine={false} axisLine={false} width={36} />
                  <Tooltip formatter={(value) => (typeof value === "number" ? value.toFixed(2) : String(value))} />
                  <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
                  <Line yAxisId="rating" dataKey="rating" name={c.rating} stroke={CHART_COLORS.primary} dot={false} isAnimationActive={false} />
                  <Line yAxisId="sentiment" dataKey="sentiment" name={c.sentiment} stroke={CHART_COLORS.secondary} dot={false} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          )}
        </ChartCard>
      </div>
      <ChartCard title={c.complaints}>
        {d.complaints.length === 0 ? (
          <ChartEmpty message={c.noComplaints} />
        ) : (
          <ul className="overview-words" data-testid="complaint-words">
            {d.complaints.map((w) => (
              <li key={w.word}>
                <span className="badge badge-warning" data-i18n-skip>
                  {w.word}
                </span> {formatNumber(locale, w.count)}
              </li>
            ))}
          </ul>
        )}
      </ChartCard>
    </div>
  );
}
