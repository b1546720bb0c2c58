"use client";

import { useI18n } from "@/lib/i18n/client";
import { formatNumber } from "@/lib/format";
import { CategoryBarChart } from "@/components/charts/category-bar-chart";
import { ErrorTable } from "./error-table";
import type { ImportSummary as Summary } from "./types";

export function ImportSummary({ summary, jobId }: { summary: Summary; jobId: string }) {
  const { t, locale } = useI18n();
  const imported = summary.outcome === "imported";
  const figures = [
    { key: "rows", label: t.imports.summary.rows, value: summary.dataRows },
    { key: "inserted", label: t.imports.summary.inserted, value: summary.inserted },
    { key: "updated", label: t.imports.summary.updated, value: summary.updated },
    { key: "duplicates", label: t.imports.summary.duplicates, value: summary.duplicates },
    { key: "errors", label: t.imports.summary.errors, value: summary.errorCount },
  ];
  return (
    <div data-testid="import-summary" data-outcome={summary.outcome}>
      <div className={`alert ${imported ? "alert-info" : "alert-error"}`} role="status">
        {imported ? t.imports.imported : t.imports.rejected}
      </div>
      {summary.fileError && (
        <div className="alert alert-error" role="alert" data-testid="import-file-error">
          {t.imports.fileError}: {summary.fileError}
        </div>
      )}
      <div className="kpi-grid">
        {figures.map((figure) => (
          <div className="card" key={figure.key} data-testid={`import-figure-${figure.key}`}>
            <div className="kpi-label">{figure.label}</div>
            <div className="kpi-value">{formatNumber(locale, figure.value)}</div>
          </div>
        ))}
      </div>
      {summary.skipped.map((skip) => (
        <p className="cell-muted" key={skip.reason}>
          {t.imports.skipped(skip.count, skip.reason)}
        </p>
      ))}
      {summary.dataRows > 0 && (
        <CategoryBarChart ariaLabel={t.imports.chart} valueLabel={t.imports.chartValue} data={figures.slice(1).map(({ label, value }) => ({ label, value }))} />
      )}
      <ErrorTable summary={summary} jobId={jobId} />
    </div>
  );
}
