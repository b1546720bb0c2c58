"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TICK, CHART_COLORS } from "@/components/charts/colors";
import { useChartAnimation } from "@/components/charts/use-chart-animation";

const PALETTE = [CHART_COLORS.primary, CHART_COLORS.secondary, CHART_COLORS.tertiary, CHART_COLORS.quaternary];

export interface CurveSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  dashed?: boolean;
}

/** Lines over a shared numeric x axis: ROC, PR, calibration, elbow and silhouette curves. */
export function CurveChart({ series, xLabel, yLabel, ariaLabel, testId, unitSquare = false, height = 260 }: {
  series: CurveSeries[];
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
  testId: string;
  unitSquare?: boolean;
  height?: number;
}) {
  const animate = useChartAnimation();
  const domain: [number, number] | ["auto", "auto"] = unitSquare ? [0, 1] : ["auto", "auto"];
  return (
    <div className="chart-box" style={{ height }} role="img" aria-label={ariaLabel} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart margin={{ top: 8, right: 16, bottom: 18, left: 4 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} />
          <XAxis type="number" dataKey="x" domain={domain} tick={AXIS_TICK} allowDuplicatedCategory={false} label={{ value: xLabel, position: "insideBottom", offset: -10, fontSize: 12 }} />
          <YAxis type="number" dataKey="y" domain={domain} tick={AXIS_TICK} width={52} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 12 }} />
          <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(3) : String(v))} labelFormatter={(v) => (typeof v === "number" ? v.toFixed(3) : String(v))} />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          {series.map((s, i) => (
            <Line
              key={s.name}
              data={[...s.points]}
              dataKey="y"
              name={s.name}
              type="linear"
              stroke={s.dashed ? CHART_COLORS.axis : PALETTE[i % PALETTE.length]}
              strokeDasharray={s.dashed ? "4 4" : undefined}
              dot={s.points.length <= 20}
              strokeWidth={2}
              isAnimationActive={animate}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Horizontal bars, largest first: feature importance. */
export function ImportanceBars({ rows, series, ariaLabel }: {
  rows: ReadonlyArray<Record<string, number | string>>;
  series: Array<{ key: string; name: string }>;
  ariaLabel: string;
}) {
  const animate = useChartAnimation();
  return (
    <div className="chart-box" style={{ height: Math.max(220, rows.length * 22 + 40) }} role="img" aria-label={ariaLabel} data-testid="chart-importance">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={[...rows]} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
          <XAxis type="number" tick={AXIS_TICK} />
          <YAxis type="category" dataKey="feature" tick={AXIS_TICK} width={170} interval={0} />
          <Tooltip formatter={(v) => (typeof v === "number" ? v.toFixed(4) : String(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} verticalAlign="top" />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={PALETTE[i % PALETTE.length]} isAnimationActive={animate} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
