"use client";

import { useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { MappingEditor, type Mapping } from "./mapping-editor";
import { PreviewTable } from "./preview-table";
import type { UploadedFile } from "./types";

interface MappingStepProps {
  upload: UploadedFile;
  onStarted(jobId: string): void;
  onCancel(): void;
}

export function MappingStep({ upload, onStarted, onCancel }: MappingStepProps) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const preview = useQuery(trpc.imports.preview.queryOptions({ uploadId: upload.uploadId, kind: upload.kind, delimiter: upload.delimiter }, { retry: false }));
  const [edited, setEdited] = useState<Mapping | null>(null);
  const [source, setSource] = useState("csv");
  const mapping = edited ?? preview.data?.mapping ?? {};
  const start = useMutation(trpc.imports.start.mutationOptions({ onSuccess: (started) => onStarted(started.jobId) }));

  return (
    <section className="card" aria-labelledby="import-mapping-title" data-testid="import-mapping-step">
      <h2 className="card-title" id="import-mapping-title">
        {t.imports.previewTitle(upload.fileName)}
      </h2>
      {preview.isPending && <Skeleton height={120} />}
      {preview.isError && <QueryError message={preview.error.message} onRetry={() => void preview.refetch()} />}
      {preview.data && (
        <>
          {preview.data.warning && (
            <div className="alert alert-error" role="alert" data-testid="import-preview-warning">
              {t.imports.previewWarning} {preview.data.warning}
            </div>
          )}
          <PreviewTable preview={preview.data} />
          <h3 className="card-title">{t.imports.mapping}</h3>
          <MappingEditor preview={preview.data} mapping={mapping} onChange={setEdited} />
          {upload.kind === "events" && (
            <label className="field">
              <span className="field-label">{t.imports.source}</span>
              <input className="input" value={source} onChange={(e) => setSource(e.target.value)} />
              <span className="field-hint">{t.imports.sourceHint}</span>
            </label>
          )}
        </>
      )}
      {start.isError && (
        <div className="alert alert-error" role="alert" data-testid="import-start-error">
          {readError(start.error, t.common.loadFailed).message}
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!preview.data || start.isPending}
          onClick={() => start.mutate({ uploadId: upload.uploadId, kind: upload.kind, delimiter: upload.delimiter, mapping, source })}
        >
          {start.isPending ? t.imports.starting : t.imports.start}
        </button>
      </div>
    </section>
  );
}
