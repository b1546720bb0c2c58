"use client";

import { useI18n } from "@/lib/i18n/client";
import type { ImportPreview } from "./types";

export function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="import-preview">
        <thead>
          <tr>
            <th scope="col">{t.imports.line}</th>
            {preview.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.length === 0 && (
            <tr>
              <td className="empty" colSpan={preview.columns.length + 1}>
                {t.imports.previewEmpty}
              </td>
            </tr>
          )}
          {preview.rows.map((row) => (
            <tr key={row.line}>
              <td className="cell-muted mono">{row.line}</td>
              {preview.columns.map((column, index) => (
                <td key={column}>{row.values[index] ?? ""}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
