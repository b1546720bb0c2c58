"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { categoryLabel } from "@/lib/i18n/catalogue-label";
import { formatPercent } from "@/lib/format";
import { ChartCard, ChartEmpty } from "@/components/charts/chart-card";
import { formatMoney } from "@/components/customers/format";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";

/** Next-course offers and the suggested learning path, on the customer profile. */
export function RecommendationsPanel({ customerId }: { customerId: number }) {
  const { t, locale } = useI18n();
  const r = t.overview.recommendations;
  const trpc = useTRPC();
  const recs = useQuery(trpc.kpi.recommendations.queryOptions({ customerIds: [customerId], k: 5 }));
  if (recs.isError) return <QueryError message={recs.error.message} onRetry={() => void recs.refetch()} />;
  const mine = recs.data?.customers[0];
  const title = (p: { titleEn: string; titleZh: string }) => (locale === "zh" ? p.titleZh : p.titleEn);
  return (
    <ChartCard title={r.title} testId="profile-recommendations">
      {!recs.data ? (
        <Skeleton height={120} />
      ) : !mine || mine.items.length === 0 ? (
        <ChartEmpty message={r.empty} />
      ) : (
        <>
          {!recs.data.basketRunId && <p className="cell-muted">{r.noBaskets}</p>}
          <ol className="overview-recs">
            {mine.items.map((item) => (
              <li key={item.productId}>
                <strong data-i18n-skip>{title(item)}</strong> <span className="cell-muted">{formatMoney(locale, item.priceCents)}</span>
                <div className="cell-muted">
                  {item.reason.kind === "rule"
                    ? r.reason.rule(formatPercent(locale, item.reason.confidence))
                    : item.reason.kind === "path"
                      ? r.reason.path(formatPercent(locale, item.reason.share))
                      : item.reason.kind === "affinity"
                        ? r.reason.affinity(categoryLabel(locale, item.reason.category))
                        : r.reason.popular}
                </div>
              </li>
            ))}
          </ol>
          {mine.path.length > 0 && (
            <p data-testid="learning-path">
              <strong>{r.path}:</strong> <span data-i18n-skip>{mine.path.map(title).join(" → ")}</span>
            </p>
          )}
        </>
      )}
    </ChartCard>
  );
}
