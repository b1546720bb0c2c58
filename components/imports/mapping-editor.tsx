"use client";

import { useI18n } from "@/lib/i18n/client";
import type { ImportPreview } from "./types";

export type Mapping = Record<string, string | null>;

interface MappingEditorProps {
  preview: ImportPreview;
  mapping: Mapping;
  onChange(mapping: Mapping): void;
}

/** One select per field, pre-filled with the server's guess from the header. */
export function MappingEditor({ preview, mapping, onChange }: MappingEditorProps) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="import-mapping">
        <thead>
          <tr>
            <th scope="col">{t.imports.field}</th>
            <th scope="col">{t.imports.column}</th>
          </tr>
        </thead>
        <tbody>
          {preview.fields.map((field) => (
            <tr key={field.name}>
              <td>
                <span className="mono">{field.name}</span>
                {field.required && <span className="cell-muted"> ({t.imports.required})</span>}
              </td>
              <td>
                <select
                  className="select select-sm"
                  aria-label={`${t.imports.column}: ${field.name}`}
                  value={mapping[field.name] ?? ""}
                  onChange={(event) => onChange({ ...mapping, [field.name]: event.target.value || null })}
                >
                  <option value="">{t.imports.notImported}</option>
                  {preview.columns.map((column) => (
                    <option key={column} value={column}>
                      {column}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
