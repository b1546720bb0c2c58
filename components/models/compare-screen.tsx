"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { algorithmLabel, paramLines } from "@/lib/i18n/model-label";
import { ChartCard } from "@/components/charts/chart-card";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { CurveChart } from "./model-charts";
import type { ClassifierMetrics, ClusterMetrics, CompareResult } from "./types";

type Run = CompareResult["a"];
type Labels = ReturnType<typeof useI18n>["t"]["models"];

/** The numbers worth comparing for a run, by task. */
function rowsFor(run: Run, labels: Labels): Array<[string, string]> {
  const d = labels.detail;
  const c0 = labels.columns;
  const m = run.metrics as Record<string, unknown>;
  const num = (v: unknown, digits = 3) => (typeof v === "number" ? v.toFixed(digits) : "—");
  const common: Array<[string, string]> = [
    [c0.algorithm, algorithmLabel(labels, run.algorithm)],
    [c0.rows, String(run.rowCount ?? "—")],
    [c0.duration, run.durationMs === null ? "—" : `${(run.durationMs / 1000).toFixed(1)} s`],
    // One parameter per line, so a long set wraps inside its column instead of pushing the other version off-screen.
    [d.params, paramLines(labels, run.params).join("\n") || "—"],
  ];
  if (m.kind === "classifier") {
    const c = m as unknown as ClassifierMetrics;
    return [
      ...common,
      [d.auc, num(c.auc)],
      [labels.compare.cvAuc, `${num(c.cv.auc)} (${labels.compare.folds(c.cv.folds)})`],
      [d.prAuc, num(c.prAuc)],
      [d.logLoss, num(c.logLoss)],
      [d.baseline, num(c.baselineAuc)],
      ["F1", num(c.thresholdMetrics.f1)],
      [d.precision, num(c.thresholdMetrics.precision)],
      [d.recall, num(c.thresholdMetrics.recall)],
    ];
  }
  if (m.kind === "clusters") {
    const c = m as unknown as ClusterMetrics;
    return [...common, ["k", String(c.k)], [labels.headline.clusters, num(c.silhouette)], [d.inertia, num(c.inertia, 1)], [d.elbowK, String(c.elbowK)]];
  }
  return [...common, ...Object.entries(m).filter(([, v]) => typeof v === "number").map(([k, v]) => [k, num(v)] as [string, string])];
}

export function CompareScreen({ a, b }: { a: string; b: string }) {
  const { t } = useI18n();
  const c = t.models.compare;
  const trpc = useTRPC();
  const compare = useQuery(trpc.models.compare.queryOptions({ a, b }));
  if (compare.isError) return <QueryError message={compare.error.message} onRetry={() => void compare.refetch()} />;
  if (!compare.data) return <Skeleton height={240} />;
  const { a: left, b: right } = compare.data;
  const leftRows = rowsFor(left, t.models);
  const foldsOf = (run: Run) => ((run.metrics as { kind?: string }).kind === "classifier" ? (run.metrics as unknown as ClassifierMetrics).cv.folds : null);
  const [leftFolds, rightFolds] = [foldsOf(left), foldsOf(right)];
  const rightRows = new Map(rowsFor(right, t.models));
  const roc = [left, right]
    .filter((r) => (r.metrics as { kind?: string }).kind === "classifier")
    .map((r) => ({ name: `v${r.version} (AUC ${((r.metrics as unknown as ClassifierMetrics).auc ?? 0).toFixed(3)})`, points: (r.metrics as unknown as ClassifierMetrics).roc }));
  return (
    <div className="models-detail" data-testid="compare">
      <Link href="/models">← {t.models.detail.back}</Link>
      <section className="card">
        <h2 className="card-title">
          {t.models.tasks[left.task]}: v{left.version} ↔ v{right.version}
        </h2>
        <div className="table-wrap">
          <table className="table models-compare-table" data-testid="compare-table">
            <thead>
              <tr>
                <th scope="col">{c.metric}</th>
                <th scope="col">v{left.version}</th>
                <th scope="col">v{right.version}</th>
              </tr>
            </thead>
            <tbody>
              {leftRows.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{key}</th>
                  <td>{value}</td>
                  <td>{rightRows.get(key) ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {leftFolds !== null && rightFolds !== null && leftFolds !== rightFolds && (
          <p className="alert alert-info" data-testid="folds-differ">
            {c.foldsDiffer(leftFolds, rightFolds)}
          </p>
        )}
      </section>
      {roc.length > 0 && (
        <ChartCard title={c.overlay} testId="compare-roc">
          <CurveChart testId="chart-compare-roc" ariaLabel={c.overlay} unitSquare xLabel={t.models.detail.fpr} yLabel={t.models.detail.tpr} series={[...roc, { name: t.models.detail.chance, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], dashed: true }]} />
        </ChartCard>
      )}
    </div>
  );
}
