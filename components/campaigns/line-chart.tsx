"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, CHART_COLORS, type ChartColor } from "@/components/charts/colors";
import { useChartAnimation } from "@/components/charts/use-chart-animation";

export interface LineSpec<Key extends string> {
  key: Key;
  label: string;
  color: ChartColor;
  dashed?: boolean;
}

interface CampaignLineChartProps<X extends string, Key extends string> {
  data: ReadonlyArray<Record<X, string | number> & Partial<Record<Key, number | null>>>;
  x: X;
  lines: ReadonlyArray<LineSpec<Key>>;
  ariaLabel: string;
  format(value: number): string;
  /** Shorter tick labels than the tooltip's, when the unit is in the title. */
  formatAxis?(value: number): string;
  formatX?(value: string | number): string;
  zeroLine?: boolean;
  testId: string;
  height?: number;
}

/** A line chart for the campaign read-outs (lift with its band, Qini, regret). */
export function CampaignLineChart<X extends string, Key extends string>({ data, x, lines, ariaLabel, format, formatAxis, formatX, zeroLine, testId, height = 260 }: CampaignLineChartProps<X, Key>) {
  const animate = useChartAnimation();
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={ariaLabel} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...data]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
          <XAxis dataKey={x} tick={AXIS_TICK} tickLine={false} axisLine={false} minTickGap={24} tickFormatter={formatX} />
          <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => (formatAxis ?? format)(v)} />
          {zeroLine && <ReferenceLine y={0} stroke={CHART_COLORS.axis} strokeDasharray="2 2" />}
          <Tooltip formatter={(value) => (typeof value === "number" ? format(value) : String(value))} labelFormatter={(label) => (formatX ? formatX(label as string) : String(label))} />
          <Legend iconType="circle" wrapperStyle={{ fontSize: 12 }} />
          {lines.map((spec) => (
            <Line
              key={spec.key}
              type="monotone"
              dataKey={spec.key}
              name={spec.label}
              stroke={spec.color}
              strokeWidth={spec.dashed ? 1.5 : 2}
              strokeDasharray={spec.dashed ? "5 4" : undefined}
              dot={false}
              connectNulls
              isAnimationActive={animate}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
