"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { QueryError } from "@/components/ui/query-error";
import { ImportSummary } from "./import-summary";
import { ProgressBar } from "./progress-bar";

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/** Polls the import job until it finishes, then shows what it did. */
export function ImportProgress({ jobId, onDone }: { jobId: string; onDone(): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const job = useQuery({
    ...trpc.imports.get.queryOptions({ jobId }),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 500),
  });
  const data = job.data;
  return (
    <section className="card" aria-labelledby="import-progress-title" data-testid="import-run" data-status={data?.status ?? "loading"}>
      <h2 className="card-title" id="import-progress-title">
        {t.imports.progress}
        {data && <span className="cell-muted"> · {t.imports.status[data.status]}</span>}
      </h2>
      {job.isError && <QueryError message={job.error.message} onRetry={() => void job.refetch()} />}
      <ProgressBar value={data?.status === "succeeded" ? 1 : (data?.progress ?? 0)} label={t.imports.progress} />
      {data?.progressMessage && data.status === "running" && <p className="cell-muted">{data.progressMessage}</p>}
      {data?.status === "failed" && (
        <div className="alert alert-error" role="alert">
          {data.error}
        </div>
      )}
      {data?.summary && <ImportSummary summary={data.summary} jobId={jobId} />}
      {data && FINISHED.has(data.status) && (
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" onClick={onDone}>
            {t.imports.another}
          </button>
        </div>
      )}
    </section>
  );
}
