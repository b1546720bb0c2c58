"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { channelLabel } from "@/lib/i18n/customer-attribute-label";
import { featureLabel } from "@/lib/i18n/feature-label";
import { formatNumber, formatPercent } from "@/lib/format";
import { ChartCard, ChartEmpty } from "@/components/charts/chart-card";
import { formatMoney } from "@/components/customers/format";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { TableStateRows } from "@/components/ui/table-state-rows";
import type { OverviewFilters } from "./use-overview-filters";
import { WinbackForm } from "./winback-form";

const PAGE_SIZE = 20;

export function ChurnPanel({ filters, canWinback }: { filters: OverviewFilters; canWinback: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const c = t.overview.churn;
  const [page, setPage] = useState(1);
  const churn = useQuery({ ...trpc.kpi.churn.queryOptions({ filters, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  if (churn.isError) return <QueryError message={churn.error.message} onRetry={() => void churn.refetch()} />;
  const data = churn.data;
  if (data && !data.run) {
    return (
      <ChartCard title={c.title} testId="overview-churn">
        <div className="alert alert-info" data-testid="churn-no-model">
          {c.noModel}
        </div>
      </ChartCard>
    );
  }
  return (
    <ChartCard title={c.title} testId="overview-churn">
      {data?.run && data.atRisk && (
        <p data-testid="churn-summary">
          <strong>{c.model(data.run.version, data.run.algorithm)}</strong> ·{" "}
          {c.atRisk(formatNumber(locale, data.atRisk.count), formatMoney(locale, data.atRisk.valueCents), formatPercent(locale, data.run.threshold))}
        </p>
      )}
      <p className="cell-muted">{c.valueHint}</p>
      {canWinback ? <WinbackForm filters={filters} available={data?.total ?? 0} /> : <p className="cell-muted" data-testid="winback-read-only">{c.readOnly}</p>}
      {data && data.rows.length === 0 && !churn.isLoading ? (
        <ChartEmpty message={c.empty} />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="churn-table">
            <thead>
              <tr>
                <th scope="col">{c.customer}</th>
                <th scope="col">{c.channel}</th>
                <th scope="col">{c.risk}</th>
                <th scope="col">{c.reasons}</th>
                <th scope="col">{c.value}</th>
              </tr>
            </thead>
            <tbody>
              <TableStateRows loading={!data} empty={false} columnCount={5} emptyText={c.empty} />
              {data?.rows.map((row) => (
                <tr key={row.customerId}>
                  <td>
                    <a href={`/customers/${row.customerId}`} data-i18n-skip>
                      {row.displayName ?? row.externalId}
                    </a>
                    <div className="cell-muted mono">{row.externalId}</div>
                  </td>
                  <td>{channelLabel(t, row.channel)}</td>
                  <td>
                    <span className={row.score >= (data.run?.threshold ?? 0.5) ? "badge badge-danger" : "badge badge-warning"}>{formatPercent(locale, row.score)}</span>
                  </td>
                  <td>{row.reasons.length === 0 ? <span className="cell-muted">{c.noReasons}</span> : row.reasons.map((r) => featureLabel(t, r.feature)).join(locale === "zh" ? "、" : ", ")}</td>
                  <td>{formatMoney(locale, row.valueCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && data.total > PAGE_SIZE && <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPageChange={setPage} />}
    </ChartCard>
  );
}
