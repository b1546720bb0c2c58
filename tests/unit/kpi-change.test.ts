import { describe, expect, it } from "vitest";
import { formatKpiChange, kpiChange, type KpiUnit } from "@/components/overview/format-kpi";

const points = (value: string) => `${value} pp`;
const text = (card: { unit: KpiUnit; value: number | null; previous: number | null; change: number | null }) => {
  const change = kpiChange(card);
  return change && formatKpiChange("en", change, points);
};

describe("KPI card change", () => {
  it("compares rates in percentage points, even from a period at 0%", () => {
    const up = kpiChange({ unit: "ratio", value: 0.462, previous: 0.071, change: 5.462 });
    expect(up?.delta).toBeCloseTo(0.391, 10);
    expect(up && formatKpiChange("en", up, points)).toBe("+39.1 pp");
    expect(text({ unit: "ratio", value: 0.571, previous: 0, change: null })).toBe("+57.1 pp");
    expect(text({ unit: "ratio", value: 0.035, previous: 0.036, change: -0.03 })).toBe("-0.1 pp");
    expect(kpiChange({ unit: "ratio", value: null, previous: 0.2, change: null })).toBeNull();
  });

  it("compares money and counts relatively, and says nothing without a base", () => {
    expect(text({ unit: "cents", value: 1_805_100, previous: 1_250_800, change: 0.4432 })).toBe("+44.3%");
    expect(kpiChange({ unit: "count", value: 2, previous: 0, change: null })).toBeNull();
  });
});
