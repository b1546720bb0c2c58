"use client";

import { useI18n } from "@/lib/i18n/client";
import { featureLabel } from "@/lib/i18n/feature-label";
import { formatNumber, formatPercent } from "@/lib/format";
import { ChartCard } from "@/components/charts/chart-card";
import { CurveChart, ImportanceBars } from "./model-charts";
import type { ClassifierMetrics } from "./types";

/** ROC, PR, confusion matrix, calibration, importance and per-segment metrics of a classifier run. */
export function ClassifierReport({ metrics }: { metrics: ClassifierMetrics }) {
  const { t, locale } = useI18n();
  const d = t.models.detail;
  const c = metrics.confusion;
  const calibration = metrics.calibration.filter((b) => b.meanPredicted !== null && b.observedRate !== null).map((b) => ({ x: b.meanPredicted!, y: b.observedRate! }));
  const importance = [...metrics.importance]
    .sort((a, b) => b.permutation - a.permutation)
    .map((r) => ({ feature: featureLabel(t, r.feature), permutation: r.permutation, ...(r.gain === null ? {} : { gain: r.gain }) }));
  const hasGain = metrics.importance.some((r) => r.gain !== null);
  return (
    <>
      <p className="cell-muted">{d.evaluation[metrics.evaluation]}</p>
      <div className="chart-grid">
        <ChartCard title={d.roc} testId="roc-card">
          <CurveChart
            testId="chart-roc"
            ariaLabel={d.roc}
            unitSquare
            xLabel={d.fpr}
            yLabel={d.tpr}
            series={[{ name: `AUC ${metrics.auc?.toFixed(3) ?? "—"}`, points: metrics.roc }, { name: d.chance, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], dashed: true }]}
          />
        </ChartCard>
        <ChartCard title={d.pr} testId="pr-card">
          <CurveChart testId="chart-pr" ariaLabel={d.pr} unitSquare xLabel={d.recall} yLabel={d.precision} series={[{ name: d.averagePrecision(metrics.prAuc?.toFixed(3) ?? "—"), points: metrics.pr }]} />
        </ChartCard>
        <ChartCard title={d.confusion(metrics.threshold.toFixed(3))} testId="confusion-card">
          <table className="table models-confusion" data-testid="confusion-matrix">
            <thead>
              <tr>
                <th scope="col">
                  {d.actual} \ {d.predicted}
                </th>
                <th scope="col">{d.positive}</th>
                <th scope="col">{d.negative}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{d.positive}</th>
                <td className="models-cell-good">{formatNumber(locale, c.tp)}</td>
                <td className="models-cell-bad">{formatNumber(locale, c.fn)}</td>
              </tr>
              <tr>
                <th scope="row">{d.negative}</th>
                <td className="models-cell-bad">{formatNumber(locale, c.fp)}</td>
                <td className="models-cell-good">{formatNumber(locale, c.tn)}</td>
              </tr>
            </tbody>
          </table>
          <p className="cell-muted">
            {d.accuracy} {formatPercent(locale, metrics.thresholdMetrics.accuracy)} · {d.precision} {formatPercent(locale, metrics.thresholdMetrics.precision)} · {d.recall}{" "}
            {formatPercent(locale, metrics.thresholdMetrics.recall)} · F1 {metrics.thresholdMetrics.f1.toFixed(3)}
          </p>
        </ChartCard>
        <ChartCard title={d.calibration} testId="calibration-card">
          <CurveChart
            testId="chart-calibration"
            ariaLabel={d.calibration}
            unitSquare
            xLabel={d.predictedProbability}
            yLabel={d.observedRate}
            series={[{ name: d.calibration, points: calibration }, { name: d.perfect, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], dashed: true }]}
          />
        </ChartCard>
      </div>
      <ChartCard title={d.importance} testId="importance-card">
        <ImportanceBars
          ariaLabel={d.importance}
          rows={importance}
          series={[{ key: "permutation", name: d.permutation }, ...(hasGain ? [{ key: "gain", name: d.gain }] : [])]}
        />
      </ChartCard>
      <ChartCard title={d.segments} testId="segments-card">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{d.segment}</th>
                <th scope="col">{d.count}</th>
                <th scope="col">{d.positiveRate}</th>
                <th scope="col">{d.meanScore}</th>
                <th scope="col">AUC</th>
              </tr>
            </thead>
            <tbody>
              {metrics.segments.map((s) => (
                <tr key={s.segment}>
                  <td>{t.models.rfmGroups[s.segment] ?? s.segment}</td>
                  <td>{formatNumber(locale, s.count)}</td>
                  <td>{formatPercent(locale, s.positiveRate)}</td>
                  <td>{s.meanScore.toFixed(3)}</td>
                  <td>{s.auc === null ? "—" : s.auc.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartCard>
    </>
  );
}
