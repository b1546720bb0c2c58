"use client";

import { useI18n } from "@/lib/i18n/client";
import { categoryLabel } from "@/lib/i18n/catalogue-label";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ChartCard, ChartEmpty } from "@/components/charts/chart-card";
import { CHART_COLORS } from "@/components/charts/colors";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import type { CustomerProfile } from "./types";

export function ProfileCharts({ activity, categories }: { activity: CustomerProfile["activity"]; categories: ReadonlyArray<{ category: string; share: number }> }) {
  const { t, locale } = useI18n();
  const p = t.customers.profile;
  return (
    <div className="chart-grid">
      <ChartCard title={p.activity} testId="profile-activity">
        {activity.length === 0 ? (
          <ChartEmpty message={p.noActivity} />
        ) : (
          <TimeSeriesChart
            data={activity}
            ariaLabel={p.activity}
            series={[
              { key: "sessions", label: p.sessions, color: CHART_COLORS.primary },
              { key: "learning", label: p.learning, color: CHART_COLORS.secondary },
              { key: "purchases", label: p.purchases, color: CHART_COLORS.tertiary },
            ]}
          />
        )}
      </ChartCard>
      <ChartCard title={p.categories} testId="profile-categories">
        {categories.length === 0 ? (
          <ChartEmpty message={p.noCategories} />
        ) : (
          <CategoryBarChart
            data={categories.map((c) => ({ label: categoryLabel(locale, c.category), value: Math.round(c.share * 1000) / 10 }))}
            valueLabel={p.categoryShare}
            ariaLabel={p.categories}
          />
        )}
      </ChartCard>
    </div>
  );
}
