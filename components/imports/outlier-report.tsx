"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { featureLabel } from "@/lib/i18n/feature-label";
import { formatDate, formatNumber, formatPercent } from "@/lib/format";
import type { Locale } from "@/lib/i18n";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { formatDecimal, formatMoney } from "@/components/customers/format";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { OutlierRow } from "@/server/features";

function value(locale: Locale, row: OutlierRow, v: number | null): string {
  if (v === null) return "—";
  return row.money ? formatMoney(locale, v) : formatDecimal(locale, v, 2);
}

/** Per numeric feature: how many values a 99th / 95th percentile cap would clip, with the caps and the range. */
export function OutlierReport() {
  const { t, locale } = useI18n();
  const o = t.outliers;
  const c = o.columns;
  const trpc = useTRPC();
  const report = useQuery(trpc.features.outliers.queryOptions({}));
  const data = report.data;
  return (
    <section className="card" aria-labelledby="outlier-report-title" data-testid="outlier-report">
      <h2 className="card-title" id="outlier-report-title">
        {o.title}
      </h2>
      {report.isError && <QueryError message={report.error.message} onRetry={() => void report.refetch()} />}
      {report.isPending && <Skeleton height={160} />}
      {data && data.features.length === 0 && (
        <p className="empty" data-testid="outlier-report-empty">
          {o.empty}
        </p>
      )}
      {data && data.features.length > 0 && (
        <>
          <p className="cell-muted">{o.subtitle(formatNumber(locale, data.customers), data.asOf ? formatDate(locale, data.asOf) : "—")}</p>
          <CategoryBarChart
            data={data.features.filter((f) => f.above99 > 0).map((f) => ({ label: featureLabel(t, f.feature), value: f.above99 }))}
            valueLabel={o.chartValue}
            ariaLabel={o.chart}
          />
          <div className="table-wrap">
            <table className="table" data-testid="outlier-table">
              <thead>
                <tr>
                  <th scope="col">{c.feature}</th>
                  <th scope="col">{c.count}</th>
                  <th scope="col">{c.min}</th>
                  <th scope="col">{c.max}</th>
                  <th scope="col">{c.cap99}</th>
                  <th scope="col">{c.above99}</th>
                  <th scope="col">{c.cap95}</th>
                  <th scope="col">{c.above95}</th>
                </tr>
              </thead>
              <tbody>
                {data.features.map((row) => (
                  <tr key={row.feature} data-testid="outlier-row" data-feature={row.feature}>
                    <td>{featureLabel(t, row.feature)}</td>
                    <td className="num">{formatNumber(locale, row.count)}</td>
                    <td className="num">{value(locale, row, row.min)}</td>
                    <td className="num">{value(locale, row, row.max)}</td>
                    <td className="num">{value(locale, row, row.cap99)}</td>
                    <td className="num">
                      {formatNumber(locale, row.above99)} <span className="cell-muted">{o.share(formatPercent(locale, row.share99))}</span>
                    </td>
                    <td className="num">{value(locale, row, row.cap95)}</td>
                    <td className="num">
                      {formatNumber(locale, row.above95)} <span className="cell-muted">{o.share(formatPercent(locale, row.share95))}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
