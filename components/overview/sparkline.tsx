"use client";

import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";
import { CHART_COLORS } from "@/components/charts/colors";

/** A tiny trend line under a KPI value; gaps (days without a denominator) stay gaps. */
export function Sparkline({ points, label }: { points: ReadonlyArray<{ day: string; value: number | null }>; label: string }) {
  if (points.length < 2) return null;
  return (
    <div className="overview-sparkline" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={[...points]} margin={{ top: 2, right: 2, bottom: 2, left: 2 }}>
          <YAxis hide domain={["auto", "auto"]} />
          <Line type="monotone" dataKey="value" stroke={CHART_COLORS.primary} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
