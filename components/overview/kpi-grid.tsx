"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatDate } from "@/lib/format";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { formatChange, formatKpi } from "./format-kpi";
import { Sparkline } from "./sparkline";
import type { OverviewFilters } from "./use-overview-filters";

export function KpiGrid({ filters }: { filters: OverviewFilters }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const cards = useQuery(trpc.kpi.cards.queryOptions(filters));
  if (cards.isError) return <QueryError message={cards.error.message} onRetry={() => void cards.refetch()} />;
  const comparison = cards.data ? `${formatDate(locale, cards.data.comparison.from)} – ${formatDate(locale, cards.data.comparison.to)}` : "";
  return (
    <div className="kpi-grid overview-kpi-grid" data-testid="overview-kpis" aria-busy={cards.isFetching}>
      {!cards.data &&
        Array.from({ length: 8 }, (_, i) => (
          <section className="card" key={i}>
            <Skeleton height={14} width="60%" />
            <Skeleton height={28} style={{ marginTop: 8 }} />
          </section>
        ))}
      {cards.data?.cards.map((card) => {
        const label = t.overview.kpi[card.key];
        const good = card.change === null || card.change === 0 ? null : card.lowerIsBetter ? card.change < 0 : card.change > 0;
        return (
          <section className="card overview-kpi" key={card.key} data-testid={`kpi-${card.key}`} aria-label={label}>
            <div className="kpi-label overview-kpi-label">
              {label}
              <span className="overview-help" tabIndex={0} title={t.overview.glossary[card.key]} aria-label={t.overview.glossary[card.key]} data-testid={`glossary-${card.key}`}>
                ?
              </span>
            </div>
            <div className="kpi-value" data-testid={`kpi-${card.key}-value`}>
              {formatKpi(locale, card.unit, card.value, t.overview.noValue)}
            </div>
            <div className="kpi-hint" title={t.overview.vs(comparison)}>
              {card.change === null ? (
                <span className="cell-muted">{t.overview.noComparison}</span>
              ) : (
                <span className={good === null ? "cell-muted" : good ? "overview-up" : "overview-down"}>{formatChange(locale, card.change)}</span>
              )}{" "}
              <span className="cell-muted">
                {t.overview.vs(formatKpi(locale, card.unit, card.previous, t.overview.noValue))}
              </span>
            </div>
            <Sparkline points={card.series} label={label} />
          </section>
        );
      })}
    </div>
  );
}
