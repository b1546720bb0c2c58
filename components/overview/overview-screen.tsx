"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/format";
import { QueryError } from "@/components/ui/query-error";
import { useToast } from "@/components/ui/toast";
import { ChurnPanel } from "./churn-panel";
import { CohortPanel } from "./cohort-panel";
import { OverviewFilterBar } from "./filter-bar";
import { FunnelPanel } from "./funnel-panel";
import { KpiGrid } from "./kpi-grid";
import { useOverviewFilters, type OverviewTab } from "./use-overview-filters";

const TABS: readonly OverviewTab[] = ["kpis", "cohorts", "funnel", "churn"];

export function OverviewScreen({ canWinback, canRefresh }: { canWinback: boolean; canRefresh: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const options = useQuery(trpc.kpi.options.queryOptions());
  const { filters, tab, grain, update } = useOverviewFilters(options.data?.lastDay ?? null);
  // An id in the URL that no listed segment has (deleted, archived, mistyped) must not read as "all customers, all zero".
  const segmentMissing = Boolean(filters.segmentId && options.data && !options.data.segments.some((s) => s.id === filters.segmentId));
  const refresh = useMutation(
    trpc.kpi.refreshRollups.mutationOptions({
      onSuccess: () => toast.success(t.overview.rollupQueued),
      onError: (error) => toast.error(error.message),
    }),
  );

  if (options.isError) return <QueryError message={options.error.message} onRetry={() => void options.refetch()} />;
  if (options.data && !options.data.lastDay) {
    return (
      <div className="alert alert-info" data-testid="overview-empty">
        {t.overview.noData}{" "}
        {canRefresh && (
          <button type="button" className="btn btn-secondary btn-sm" disabled={refresh.isPending} onClick={() => refresh.mutate({})}>
            {t.overview.refreshRollups}
          </button>
        )}
      </div>
    );
  }
  return (
    <>
      <div className="toolbar overview-toolbar">
        <div role="tablist" className="overview-tabs" aria-label={t.overview.title}>
          {TABS.map((key) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={tab === key}
              className={tab === key ? "btn btn-primary btn-sm" : "btn btn-ghost btn-sm"}
              data-testid={`tab-${key}`}
              onClick={() => update({ tab: key === "kpis" ? null : key })}
            >
              {t.overview.tabs[key]}
            </button>
          ))}
          <a className="btn btn-ghost btn-sm" href={`/overview/courses?from=${filters.from}&to=${filters.to}`} data-testid="link-courses">
            {t.overview.coursesLink}
          </a>
        </div>
        <span className="cell-muted">
          {options.data?.rollup && t.overview.rollupAt(formatDateTime(locale, new Date(options.data.rollup.refreshedAt)))}{" "}
          {canRefresh && (
            <button type="button" className="btn btn-ghost btn-sm" disabled={refresh.isPending} onClick={() => refresh.mutate({})}>
              {t.overview.refreshRollups}
            </button>
          )}
        </span>
      </div>
      <OverviewFilterBar options={options.data} filters={filters} onChange={update} />
      {segmentMissing && (
        <div className="alert alert-error" role="alert" data-testid="segment-not-found">
          <p>{t.overview.segmentNotFound}</p>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => update({ segment: null })}>
            {t.overview.showAllCustomers}
          </button>
        </div>
      )}
      {options.data && !segmentMissing && (
        <div role="tabpanel" className="overview-panel">
          {tab === "kpis" && <KpiGrid filters={filters} />}
          {tab === "cohorts" && <CohortPanel filters={filters} grain={grain} onGrain={(g) => update({ grain: g === "month" ? null : g })} />}
          {tab === "funnel" && <FunnelPanel filters={filters} />}
          {tab === "churn" && <ChurnPanel filters={filters} canWinback={canWinback} />}
        </div>
      )}
    </>
  );
}
