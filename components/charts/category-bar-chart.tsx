"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "@/lib/i18n/client";
import { formatNumber } from "@/lib/format";
import { AXIS_TICK, CHART_COLORS, type ChartColor } from "./colors";
import { useChartAnimation } from "./use-chart-animation";

export interface CategoryDatum {
  label: string;
  value: number;
}

interface CategoryBarChartProps {
  data: readonly CategoryDatum[];
  valueLabel: string;
  ariaLabel: string;
  color?: ChartColor;
  /** The labels are stored data (product titles), shown as written in every language. */
  labelsAreData?: boolean;
}

const ROW_HEIGHT = 28;

/** Horizontal bars: category names (often long, often Chinese) stay readable on the y axis. */
export function CategoryBarChart({ data, valueLabel, ariaLabel, color = CHART_COLORS.primary, labelsAreData }: CategoryBarChartProps) {
  const { locale } = useI18n();
  const animate = useChartAnimation();
  const height = Math.max(160, data.length * ROW_HEIGHT + 40);
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={ariaLabel} data-testid="chart-category-bar" data-i18n-skip={labelsAreData || undefined}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...data]} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} tickLine={false} axisLine={false} tickFormatter={(value: number) => formatNumber(locale, value)} />
          <YAxis type="category" dataKey="label" tick={AXIS_TICK} tickLine={false} axisLine={false} width={110} interval={0} />
          <Tooltip cursor={{ fill: "var(--surface-muted)" }} formatter={(value) => (typeof value === "number" ? formatNumber(locale, value) : String(value))} />
          <Bar dataKey="value" name={valueLabel} fill={color} radius={[0, 4, 4, 0]} maxBarSize={18} isAnimationActive={animate} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
