"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "@/lib/i18n/client";
import { formatDate, formatDayShort, formatNumber } from "@/lib/format";
import { AXIS_TICK, CHART_COLORS, type ChartColor } from "./colors";
import { useChartAnimation } from "./use-chart-animation";

export interface SeriesSpec<Key extends string> {
  key: Key;
  label: string;
  color: ChartColor;
}

interface TimeSeriesChartProps<Key extends string> {
  /** One row per ISO day ("YYYY-MM-DD"), a number per series key. */
  data: ReadonlyArray<{ day: string } & Record<Key, number>>;
  series: ReadonlyArray<SeriesSpec<Key>>;
  ariaLabel: string;
  height?: number;
}

export function TimeSeriesChart<Key extends string>({ data, series, ariaLabel, height = 280 }: TimeSeriesChartProps<Key>) {
  const { locale } = useI18n();
  const animate = useChartAnimation();
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={ariaLabel} data-testid="chart-time-series">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={[...data]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <defs>
            {series.map((spec) => (
              <linearGradient key={spec.key} id={`fill-${spec.key}`} x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor={spec.color} stopOpacity={0.28} />
                <stop offset="100%" stopColor={spec.color} stopOpacity={0.02} />
              </linearGradient>
            ))}
          </defs>
          <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
          <XAxis dataKey="day" tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={28} tickFormatter={(day: string) => formatDayShort(locale, day)} />
          <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={48} tickFormatter={(value: number) => formatNumber(locale, value)} />
          <Tooltip
            labelFormatter={(day) => formatDate(locale, String(day))}
            formatter={(value) => (typeof value === "number" ? formatNumber(locale, value) : String(value))}
          />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          {series.map((spec) => (
            <Area
              key={spec.key}
              type="monotone"
              dataKey={spec.key}
              name={spec.label}
              stroke={spec.color}
              strokeWidth={2}
              fill={`url(#fill-${spec.key})`}
              isAnimationActive={animate}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
