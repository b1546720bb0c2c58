import type { WorkspaceSummary } from "@/server/workspace";
import type { Dictionary, Locale } from "@/lib/i18n";
import { formatDate, formatNumber, formatPercent } from "@/lib/format";
import { KpiCard } from "./kpi-card";

const DAY_MS = 86_400_000;

export function KpiCards({ summary, locale, t }: { summary: WorkspaceSummary; locale: Locale; t: Dictionary }) {
  const share = summary.customers > 0 ? summary.consentingCustomers / summary.customers : 0;
  const { firstEventAt: first, lastEventAt: last } = summary;
  const rangeDays = first && last ? Math.floor((last.getTime() - first.getTime()) / DAY_MS) + 1 : 0;
  return (
    <div className="kpi-grid">
      <KpiCard testId="kpi-customers" label={t.home.kpi.customers} value={formatNumber(locale, summary.customers)} />
      <KpiCard
        testId="kpi-consenting"
        label={t.home.kpi.consenting}
        value={formatNumber(locale, summary.consentingCustomers)}
        hint={t.home.kpi.consentingHint(formatPercent(locale, share))}
      />
      <KpiCard testId="kpi-products" label={t.home.kpi.products} value={formatNumber(locale, summary.products)} />
      <KpiCard testId="kpi-events" label={t.home.kpi.events} value={formatNumber(locale, summary.events)} />
      <KpiCard
        testId="kpi-range"
        label={t.home.kpi.range}
        small
        value={first && last ? `${formatDate(locale, first)} – ${formatDate(locale, last)}` : t.home.kpi.rangeEmpty}
        hint={rangeDays > 0 ? t.home.kpi.rangeDays(rangeDays) : undefined}
      />
    </div>
  );
}
