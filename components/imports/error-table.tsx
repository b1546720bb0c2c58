"use client";

import { useI18n } from "@/lib/i18n/client";
import type { ImportSummary } from "./types";

export function ErrorTable({ summary, jobId }: { summary: ImportSummary; jobId: string }) {
  const { t } = useI18n();
  if (summary.errorCount === 0) return null;
  return (
    <section aria-labelledby="import-errors-title" data-testid="import-errors">
      <h3 className="card-title" id="import-errors-title">
        {t.imports.errorsTitle(summary.errors.length, summary.errorCount)}
      </h3>
      {summary.hasErrorReport && (
        <a className="btn btn-secondary btn-sm" href={`/api/imports/${jobId}/errors`} download data-testid="import-errors-download">
          {t.imports.downloadErrors}
        </a>
      )}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t.imports.errorColumns.line}</th>
              <th scope="col">{t.imports.errorColumns.field}</th>
              <th scope="col">{t.imports.errorColumns.message}</th>
            </tr>
          </thead>
          <tbody>
            {summary.errors.map((error, index) => (
              <tr key={`${error.line}-${error.field}-${index}`} data-testid="import-error-row" data-line={error.line}>
                <td className="mono">{error.line}</td>
                <td className="mono">{error.field}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
