"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";
import { DATASET_FILES, DATASETS, type Dataset } from "@/lib/shared/datasets";
import { QueryError } from "@/components/ui/query-error";
import { useToast } from "@/components/ui/toast";
import { ProgressBar } from "./progress-bar";
import { MAX_UPLOAD_MB } from "./types";

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

function isDataset(value: string): value is Dataset {
  return (DATASETS as readonly string[]).includes(value);
}

/** Streams one raw file to /api/imports (admin only, size-capped), as the CSV import does. */
async function uploadFile(file: File): Promise<string> {
  const response = await fetch(`/api/imports?name=${encodeURIComponent(file.name)}`, { method: "POST", headers: { "content-type": "text/csv" }, body: file });
  const body = (await response.json()) as { uploadId?: string; error?: string };
  if (!response.ok || !body.uploadId) throw new Error(body.error ?? `HTTP ${response.status}`);
  return body.uploadId;
}

/** Choose a data set, upload its file(s), start; then the job's progress and the CLI's summary. */
export function DatasetImport() {
  const [jobId, setJobId] = useState<string | null>(null);
  return jobId ? <DatasetProgress jobId={jobId} onDone={() => setJobId(null)} /> : <DatasetForm onStarted={setJobId} />;
}

function DatasetForm({ onStarted }: { onStarted(jobId: string): void }) {
  const { t } = useI18n();
  const d = t.datasets;
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const [dataset, setDataset] = useState<Dataset>("bank-marketing");
  const [files, setFiles] = useState<File[]>([]);
  const [campaignName, setCampaignName] = useState("");
  const [control, setControl] = useState("control");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = useMutation(trpc.datasets.start.mutationOptions());
  const spec = DATASET_FILES[dataset];
  const named = "named" in spec ? spec.named : null;
  const missing = named ? named.filter((name) => !files.some((f) => f.name === name)) : [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (files.length === 0) {
      setError(d.chooseFiles);
      return;
    }
    setError(null);
    const uploadIds: string[] = [];
    try {
      for (const [index, file] of files.entries()) {
        setBusy(d.uploading(index + 1, files.length));
        try {
          uploadIds.push(await uploadFile(file));
        } catch (failure) {
          throw new Error(d.uploadFailed(file.name, failure instanceof Error ? failure.message : String(failure)));
        }
      }
      setBusy(d.starting);
      const options = dataset === "campaign-results" ? { campaignName, control } : {};
      const started = await start.mutateAsync({ dataset, uploadIds, options });
      onStarted(started.jobId);
    } catch (failure) {
      setError(failure instanceof Error && !("data" in failure) ? failure.message : readError(failure, t.common.loadFailed).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card" aria-labelledby="dataset-import-title" data-testid="dataset-import">
      <h2 className="card-title" id="dataset-import-title">
        {d.title}
      </h2>
      <p className="cell-muted">{d.subtitle}</p>
      <form className="form-grid" onSubmit={(event) => void onSubmit(event)} data-testid="dataset-import-form">
        <label className="field">
          <span className="field-label">{d.dataset}</span>
          <select
            className="select"
            value={dataset}
            data-testid="dataset-select"
            disabled={!hydrated}
            onChange={(e) => {
              if (!isDataset(e.target.value)) return;
              setDataset(e.target.value);
              setError(null);
            }}
          >
            {DATASETS.map((key) => (
              <option key={key} value={key}>
                {d.names[key]}
              </option>
            ))}
          </select>
        </label>
        <p className="field-hint" data-testid="dataset-needs">
          {named ? d.needsNamed(named.join(", ")) : "single" in spec ? d.needsSingle(spec.single) : null}
          {dataset === "campaign-results" && <> {d.resultsHeader}</>}
        </p>
        <label className="field">
          <span className="field-label">{d.files}</span>
          <input
            key={dataset}
            className="input"
            type="file"
            name="files"
            data-testid="dataset-files"
            disabled={!hydrated}
            multiple={named !== null}
            accept=".csv,.gz,text/csv,text/plain,application/gzip"
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
          />
          <span className="field-hint">{d.filesHint(MAX_UPLOAD_MB)}</span>
          {files.length > 0 && <span className="field-hint">{d.chosen(files.map((f) => f.name).join(", "))}</span>}
          {named && files.length > 0 && missing.length > 0 && (
            <span className="field-hint" data-testid="dataset-missing">
              {d.missing(missing.join(", "))}
            </span>
          )}
        </label>
        {dataset === "campaign-results" && (
          <>
            <label className="field">
              <span className="field-label">{d.campaignName}</span>
              <input className="input" value={campaignName} onChange={(e) => setCampaignName(e.target.value)} maxLength={200} />
            </label>
            <label className="field">
              <span className="field-label">{d.control}</span>
              <input className="input" value={control} onChange={(e) => setControl(e.target.value)} maxLength={80} />
            </label>
          </>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!hydrated || busy !== null}>
            {busy ?? d.start}
          </button>
        </div>
      </form>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="dataset-error">
          {error}
        </div>
      )}
    </section>
  );
}

function DatasetProgress({ jobId, onDone }: { jobId: string; onDone(): void }) {
  const { t } = useI18n();
  const d = t.datasets;
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.datasets.get.queryOptions({ jobId }),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 500),
  });
  const data = job.data;
  const result = data?.result ?? null;
  return (
    <section className="card" aria-labelledby="dataset-progress-title" data-testid="dataset-run" data-status={data?.status ?? "loading"}>
      <h2 className="card-title" id="dataset-progress-title">
        {d.progress}
        {data && <span className="cell-muted"> · {t.imports.status[data.status]}</span>}
      </h2>
      {job.isError && <QueryError message={job.error.message} onRetry={() => void job.refetch()} />}
      <ProgressBar value={data?.status === "succeeded" ? 1 : (data?.progress ?? 0)} label={d.progress} testId="dataset-progress" />
      {data?.progressMessage && data.status === "running" && (
        <p className="cell-muted" data-testid="dataset-progress-message">
          {data.progressMessage}
        </p>
      )}
      {data?.status === "failed" && (
        <div className="alert alert-error" role="alert" data-testid="dataset-failed">
          {d.failed} {data.error}
        </div>
      )}
      {result && (
        <>
          <p className={result.outcome === "imported" ? "alert alert-info" : "alert alert-error"} role="status" data-testid="dataset-outcome">
            {result.outcome === "imported" ? d.imported : d.refused}
          </p>
          {result.ignored.length > 0 && <p className="cell-muted">{d.ignored(result.ignored.join(", "))}</p>}
          <h3 className="card-title">{d.summary}</h3>
          <pre data-testid="dataset-summary" style={{ whiteSpace: "pre-wrap", overflowX: "auto" }}>
            {result.text}
          </pre>
          {result.outcome === "imported" && <NextStep />}
        </>
      )}
      {data && FINISHED.has(data.status) && (
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" onClick={onDone}>
            {d.another}
          </button>
        </div>
      )}
    </section>
  );
}

/** After an import nothing recomputes on its own: the buttons that queue features and rollups. */
function NextStep() {
  const { t } = useI18n();
  const d = t.datasets;
  const trpc = useTRPC();
  const toast = useToast();
  const onError = (error: unknown) => toast.error(readError(error, t.common.loadFailed).message);
  const features = useMutation(trpc.features.refresh.mutationOptions({ onSuccess: () => toast.success(`${d.refreshFeatures}: ${d.queued}`), onError }));
  const rollups = useMutation(trpc.kpi.refreshRollups.mutationOptions({ onSuccess: () => toast.success(`${d.refreshRollups}: ${d.queued}`), onError }));
  return (
    <div data-testid="dataset-next">
      <h3 className="card-title">{d.nextTitle}</h3>
      <p>{d.next}</p>
      <div className="toolbar">
        <button type="button" className="btn btn-secondary btn-sm" disabled={features.isPending || features.isSuccess} onClick={() => features.mutate({})}>
          {d.refreshFeatures}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" disabled={rollups.isPending || rollups.isSuccess} onClick={() => rollups.mutate({})}>
          {d.refreshRollups}
        </button>
        <Link className="btn btn-secondary btn-sm" href="/models">
          {d.models}
        </Link>
      </div>
    </div>
  );
}
