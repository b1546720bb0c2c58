/** Chart colours are CSS variables from globals.css, so the palette lives in one place. */
export const CHART_COLORS = {
  primary: "var(--chart-1)",
  secondary: "var(--chart-2)",
  tertiary: "var(--chart-3)",
  quaternary: "var(--chart-4)",
  grid: "var(--chart-grid)",
  axis: "var(--chart-axis)",
} as const;

export type ChartColor = (typeof CHART_COLORS)[keyof typeof CHART_COLORS];

export const AXIS_TICK = { fill: CHART_COLORS.axis, fontSize: 12 } as const;
