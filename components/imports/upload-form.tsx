"use client";

import { useState, type FormEvent } from "react";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";
import { DELIMITERS, IMPORT_KINDS, MAX_UPLOAD_MB, type Delimiter, type ImportKind, type UploadedFile } from "./types";

function isKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}
function isDelimiter(value: string): value is Delimiter {
  return DELIMITERS.some((d) => d.value === value);
}

/** Streams the raw file to /api/imports (no multipart, so the server can write it straight to disk). */
async function uploadFile(file: File): Promise<{ uploadId: string; fileName: string; bytes: number }> {
  const response = await fetch(`/api/imports?name=${encodeURIComponent(file.name)}`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: file,
  });
  const body = (await response.json()) as { uploadId?: string; fileName?: string; bytes?: number; error?: string };
  if (!response.ok || !body.uploadId) throw new Error(body.error ?? `HTTP ${response.status}`);
  return { uploadId: body.uploadId, fileName: body.fileName ?? file.name, bytes: body.bytes ?? file.size };
}

export function UploadForm({ onUploaded }: { onUploaded(file: UploadedFile): void }) {
  const { t } = useI18n();
  const hydrated = useHydrated();
  const [kind, setKind] = useState<ImportKind>("customers");
  const [delimiter, setDelimiter] = useState<Delimiter>(",");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.name === "") {
      setError(t.imports.chooseFile);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const uploaded = await uploadFile(file);
      onUploaded({ ...uploaded, kind, delimiter });
    } catch (failure) {
      setError(`${t.imports.uploadFailed}: ${failure instanceof Error ? failure.message : String(failure)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="import-upload-title">
      <h2 className="card-title" id="import-upload-title">
        {t.imports.title}
      </h2>
      <form className="form-grid" onSubmit={(event) => void onSubmit(event)} data-testid="import-upload-form">
        <label className="field">
          <span className="field-label">{t.imports.kind}</span>
          <select className="select" value={kind} onChange={(e) => isKind(e.target.value) && setKind(e.target.value)}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t.imports.kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t.imports.delimiter}</span>
          <select className="select" value={delimiter} onChange={(e) => isDelimiter(e.target.value) && setDelimiter(e.target.value)}>
            {DELIMITERS.map((d) => (
              <option key={d.key} value={d.value}>
                {t.imports.delimiters[d.key]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t.imports.file}</span>
          <input className="input" type="file" name="file" accept=".csv,.gz,text/csv,text/plain,application/gzip" required />
          <span className="field-hint">{t.imports.fileHint(MAX_UPLOAD_MB)}</span>
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!hydrated || busy}>
            {busy ? t.imports.uploading : t.imports.upload}
          </button>
        </div>
      </form>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="import-upload-error">
          {error}
        </div>
      )}
    </section>
  );
}
