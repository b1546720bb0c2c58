"use client";

import { useI18n } from "@/lib/i18n/client";
import { formatNumber } from "@/lib/format";
import { ChartCard } from "@/components/charts/chart-card";
import { clusterNameLabel, featureLabel } from "@/lib/i18n/feature-label";
import { CurveChart } from "./model-charts";
import type { ClusterMetrics } from "./types";

/** Diverging colour for a standardised value: blue below the mean, orange above. */
function heat(z: number): string {
  const a = Math.min(1, Math.abs(z) / 2);
  return z >= 0 ? `rgba(234, 120, 40, ${a * 0.8})` : `rgba(40, 110, 220, ${a * 0.8})`;
}

export function ClusterReport({ metrics, features }: { metrics: ClusterMetrics; features: string[] }) {
  const { t, locale } = useI18n();
  const d = t.models.detail;
  return (
    <>
      <p className="cell-muted" data-testid="chosen-k">
        {d.chosenK(metrics.k, metrics.elbowK)} · {t.models.headline.clusters} {metrics.silhouette.toFixed(3)}
      </p>
      <div className="chart-grid">
        <ChartCard title={d.elbow} testId="elbow-card">
          <CurveChart testId="chart-elbow" ariaLabel={d.elbow} xLabel="k" yLabel={d.inertia} series={[{ name: d.inertia, points: metrics.scan.map((e) => ({ x: e.k, y: e.inertia })) }]} />
        </ChartCard>
        <ChartCard title={d.silhouette} testId="silhouette-card">
          <CurveChart testId="chart-silhouette" ariaLabel={d.silhouette} xLabel="k" yLabel={t.models.headline.clusters} series={[{ name: t.models.headline.clusters, points: metrics.scan.map((e) => ({ x: e.k, y: e.silhouette })) }]} />
        </ChartCard>
      </div>
      <ChartCard title={d.profile} testId="profile-card">
        <div className="table-wrap">
          <table className="table models-heatmap" data-testid="cluster-heatmap">
            <thead>
              <tr>
                <th scope="col">{d.cluster}</th>
                <th scope="col">{d.size}</th>
                {features.map((f) => (
                  <th key={f} scope="col" className="models-heatmap-head">
                    {featureLabel(t, f)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {metrics.profile.map((p) => (
                <tr key={p.cluster}>
                  <th scope="row">
                    {p.cluster}: {clusterNameLabel(t, p.name)}
                  </th>
                  <td>{formatNumber(locale, p.size)}</td>
                  {p.z.map((z, j) => (
                    <td key={j} style={{ background: heat(z) }} title={`z = ${z.toFixed(2)}; ${p.raw[j]!.toFixed(2)}`}>
                      {z.toFixed(1)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartCard>
    </>
  );
}
