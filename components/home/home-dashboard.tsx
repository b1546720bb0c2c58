import type { WorkspaceSummary } from "@/server/workspace";
import { getServerDictionary } from "@/lib/i18n/server";
import { categoryLabel } from "@/lib/i18n/catalogue-label";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartEmpty } from "@/components/charts/chart-card";
import { CHART_COLORS } from "@/components/charts/colors";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { KpiCards } from "./kpi-cards";

export async function HomeDashboard({ summary }: { summary: WorkspaceSummary }) {
  const { locale, t } = await getServerDictionary();
  const daily = summary.daily.map(({ day, events, purchases }) => ({ day, events, purchases }));
  const byType = summary.eventsByType.map(({ type, total }) => ({ label: t.eventTypes[type], value: total }));
  const byCategory = summary.productsByCategory.map(({ category, total }) => ({ label: categoryLabel(locale, category), value: total }));

  return (
    <>
      <KpiCards summary={summary} locale={locale} t={t} />
      <ChartCard title={t.home.charts.daily} testId="card-daily">
        {daily.length > 0 ? (
          <TimeSeriesChart
            data={daily}
            ariaLabel={t.home.charts.daily}
            series={[
              { key: "events", label: t.home.charts.dailyEvents, color: CHART_COLORS.primary },
              { key: "purchases", label: t.home.charts.dailyPurchases, color: CHART_COLORS.tertiary },
            ]}
          />
        ) : (
          <ChartEmpty message={t.home.charts.noData} />
        )}
      </ChartCard>
      <div className="chart-grid">
        <ChartCard title={t.home.charts.byType} testId="card-by-type">
          {byType.length > 0 ? (
            <CategoryBarChart data={byType} valueLabel={t.home.kpi.events} ariaLabel={t.home.charts.byType} color={CHART_COLORS.primary} />
          ) : (
            <ChartEmpty message={t.home.charts.noData} />
          )}
        </ChartCard>
        <ChartCard title={t.home.charts.byCategory} testId="card-by-category">
          {byCategory.length > 0 ? (
            <CategoryBarChart data={byCategory} valueLabel={t.home.kpi.products} ariaLabel={t.home.charts.byCategory} color={CHART_COLORS.secondary} />
          ) : (
            <ChartEmpty message={t.home.charts.noData} />
          )}
        </ChartCard>
      </div>
    </>
  );
}
