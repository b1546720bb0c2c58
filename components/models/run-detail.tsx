"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { algorithmLabel, paramLines } from "@/lib/i18n/model-label";
import { featureLabel } from "@/lib/i18n/feature-label";
import { formatDate, formatDateTime, formatNumber } from "@/lib/format";
import { ChartCard } from "@/components/charts/chart-card";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { ClassifierReport } from "./classifier-report";
import { ClusterReport } from "./cluster-report";
import { Dendrogram } from "./dendrogram";
import { OutlierCaps } from "./outlier-caps";
import { RulesTable } from "./rules-table";
import { RunStatus } from "./run-progress";
import type { CapReport } from "@/server/models";
import { metricsOf, type BasketArtifact, type ClassifierMetrics, type ClusterMetrics, type HierarchyArtifact } from "./types";

/** One run: summary, parameters, and the charts for its task. Polls while it trains. */
export function RunDetailScreen({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const m = t.models;
  const d = m.detail;
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.models.run.queryOptions({ id }),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "queued" || q.state.data.status === "running") ? 1000 : false),
  });
  if (run.isError) return <QueryError message={run.error.message} onRetry={() => void run.refetch()} />;
  if (!run.data) return <Skeleton height={240} />;
  const r = run.data;
  const classifier = metricsOf<ClassifierMetrics>(r, "classifier");
  const clusters = metricsOf<ClusterMetrics>(r, "clusters");
  const artifact = r.artifact as { kind?: string } | null;
  return (
    <div className="models-detail" data-testid="run-detail">
      <Link href="/models">← {d.back}</Link>
      <section className="card">
        <h2 className="card-title">
          {m.tasks[r.task]} v{r.version} · {algorithmLabel(m, r.algorithm)}
        </h2>
        <RunStatus run={r} />
        <dl className="models-summary">
          <dt>{m.columns.rows}</dt>
          <dd>{r.rowCount === null ? "—" : formatNumber(locale, r.rowCount)}</dd>
          <dt>{m.columns.duration}</dt>
          <dd>{r.durationMs === null ? "—" : `${(r.durationMs / 1000).toFixed(1)} s`}</dd>
          <dt>{m.columns.created}</dt>
          <dd>{formatDateTime(locale, new Date(r.createdAt))}</dd>
          {r.trainingCutoff && r.labelWindowDays !== null && (
            <>
              <dt>{d.window}</dt>
              <dd>{d.cutoff(formatDate(locale, new Date(r.trainingCutoff)), r.labelWindowDays)}</dd>
            </>
          )}
          {classifier && (
            <>
              <dt>{d.auc}</dt>
              <dd data-testid="metric-auc">{classifier.auc?.toFixed(3) ?? "—"}</dd>
              <dt>{d.cvAuc(classifier.cv.folds)}</dt>
              <dd>
                {classifier.cv.auc?.toFixed(3) ?? "—"} ± {classifier.cv.aucSd?.toFixed(3) ?? "—"}
              </dd>
              <dt>{d.prAuc}</dt>
              <dd>{classifier.prAuc?.toFixed(3) ?? "—"}</dd>
              <dt>{d.logLoss}</dt>
              <dd>{classifier.logLoss?.toFixed(3) ?? "—"}</dd>
              <dt>{d.baseline}</dt>
              <dd>{classifier.baselineAuc?.toFixed(3) ?? "—"}</dd>
            </>
          )}
          <dt>{d.params}</dt>
          <dd>
            {paramLines(m, r.params).join(locale === "zh" ? "；" : "; ") || "—"}
          </dd>
          {r.features && (
            <>
              <dt>{d.features}</dt>
              <dd>{r.features.map((f) => featureLabel(t, f)).join(locale === "zh" ? "、" : ", ")}</dd>
            </>
          )}
        </dl>
      </section>
      {r.status !== "succeeded" && <p className="cell-muted">{d.noMetrics}</p>}
      {r.status === "succeeded" && r.task !== "baskets" && <OutlierCaps report={(r.metrics as { outliers?: CapReport | null }).outliers} />}
      {classifier && <ClassifierReport metrics={classifier} />}
      {clusters && <ClusterReport metrics={clusters} features={r.features ?? []} />}
      {r.status === "succeeded" && artifact?.kind === "hierarchy" && (
        <ChartCard title={d.dendrogram} testId="dendrogram-card">
          <Dendrogram artifact={r.artifact as HierarchyArtifact} ariaLabel={d.dendrogram} />
        </ChartCard>
      )}
      {r.status === "succeeded" && artifact?.kind === "baskets" && (
        <ChartCard title={d.rules} testId="rules-card">
          <RulesTable artifact={r.artifact as BasketArtifact} titles={r.productTitles} />
        </ChartCard>
      )}
    </div>
  );
}
