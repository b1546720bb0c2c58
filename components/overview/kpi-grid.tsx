"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatDate } from "@/lib/format";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { formatKpi, formatKpiChange, kpiChange } from "./format-kpi";
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
        const value = formatKpi(locale, card.unit, card.value, t.overview.noValue);
        const change = kpiChange(card);
        const good = change === null || change.delta === 0 ? null : card.lowerIsBetter ? change.delta < 0 : change.delta > 0;
        return (
          <section className="card overview-kpi" key={card.key} data-testid={`kpi-${card.key}`} aria-label={label}>
            <div className="kpi-label overview-kpi-label">
              {label}
              <button
                type="button"
                className="overview-help"
                title={t.overview.glossary[card.key]}
                aria-label={t.overview.about(label)}
                aria-describedby={`glossary-text-${card.key}`}
                data-testid={`glossary-${card.key}`}
              >
                <InfoIcon />
              </button>
              <span id={`glossary-text-${card.key}`} className="visually-hidden">
                {t.overview.glossary[card.key]}
              </span>
            </div>
            <div className={`kpi-value ${valueSizeClass(value)}`} data-testid={`kpi-${card.key}-value`} title={value}>
              {value}
            </div>
            <div className="kpi-hint" title={t.overview.vs(comparison)}>
              {change === null ? (
                <span className="cell-muted">{t.overview.noComparison}</span>
              ) : (
                <span className={good === null ? "cell-muted" : good ? "overview-up" : "overview-down"} data-testid={`kpi-${card.key}-change`}>
                  {formatKpiChange(locale, change, t.overview.points)}
                </span>
              )}{" "}
              {card.previous !== null && <span className="cell-muted">{t.overview.vs(formatKpi(locale, card.unit, card.previous, t.overview.noValue))}</span>}
            </div>
            <Sparkline points={card.series} label={label} />
          </section>
        );
      })}
    </div>
  );
}

/** Long formatted values (currency prefixes, big counts) step the font down so they stay inside the card. */
function valueSizeClass(value: string): string {
  if (value.length > 11) return "overview-kpi-value-xs";
  if (value.length > 8) return "overview-kpi-value-sm";
  return "";
}

function InfoIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="1.4" />
      <circle cx="8" cy="4.8" r="1" fill="currentColor" />
      <path d="M8 7.2v4.6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
