"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatNumber, formatPercent } from "@/lib/format";
import { ChartCard } from "@/components/charts/chart-card";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import type { OverviewFilters } from "./use-overview-filters";

export function FunnelPanel({ filters }: { filters: OverviewFilters }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const funnel = useQuery(trpc.kpi.funnel.queryOptions(filters));
  if (funnel.isError) return <QueryError message={funnel.error.message} onRetry={() => void funnel.refetch()} />;
  const top = funnel.data?.steps[0]?.customers ?? 0;
  return (
    <ChartCard title={t.overview.funnel.title} testId="overview-funnel">
      <p className="cell-muted">{t.overview.funnel.hint}</p>
      {!funnel.data ? (
        <Skeleton height={180} />
      ) : (
        <div className="overview-funnel">
          {funnel.data.steps.map((step) => (
            <div className="overview-funnel-step" key={step.step} data-testid={`funnel-${step.step}`}>
              <div className="overview-funnel-label">{t.overview.funnel.steps[step.step]}</div>
              <div className="overview-funnel-track">
                <div className="overview-funnel-bar" style={{ width: `${top > 0 ? Math.max(1, (100 * step.customers) / top) : 0}%` }} />
              </div>
              <div className="overview-funnel-numbers">
                <strong>{formatNumber(locale, step.customers)}</strong>
                <span className="cell-muted">
                  {step.fromPrevious === null ? "" : `${t.overview.funnel.conversion} ${formatPercent(locale, step.fromPrevious)} · ${t.overview.funnel.dropOff} ${formatPercent(locale, step.dropOff ?? 0)}`}
                </span>
                <span className="cell-muted">
                  {t.overview.funnel.previous}: {formatNumber(locale, step.previous)}
                </span>
              </div>
            </div>
          ))}
        </div>
      )}
    </ChartCard>
  );
}
