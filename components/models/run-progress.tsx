"use client";

import { useI18n } from "@/lib/i18n/client";
import type { RunSummary } from "./types";

/** Status badge, and for a live run a progress bar with stage, step and ETA. */
export function RunStatus({ run }: { run: Pick<RunSummary, "status" | "progress" | "progressMessage" | "progressDetail" | "error" | "isActive"> }) {
  const { t } = useI18n();
  const m = t.models;
  const badge = run.status === "succeeded" ? "badge-success" : run.status === "failed" ? "badge-danger" : run.status === "cancelled" ? "" : "badge-warning";
  const detail = run.progressDetail as { step?: number; steps?: number; etaSeconds?: number | null } | null;
  const percent = Math.round(run.progress * 100);
  return (
    <div className="models-status">
      <span className={`badge ${badge}`} data-testid="run-status">
        {m.status[run.status]}
      </span>
      {run.isActive && (
        <span className="badge badge-success" data-testid="run-active">
          {m.active}
        </span>
      )}
      {(run.status === "running" || run.status === "queued") && (
        <span role="status" className="models-progress">
          <progress max={100} value={percent} aria-label={m.status.running} data-testid="run-progress" />
          <span className="cell-muted">
            {percent}% {run.progressMessage ?? ""}
            {detail?.steps ? ` (${detail.step}/${detail.steps})` : ""}
            {detail?.etaSeconds ? ` · ${m.eta(detail.etaSeconds)}` : ""}
          </span>
        </span>
      )}
      {run.status === "failed" && run.error && <span className="field-error">{run.error}</span>}
    </div>
  );
}
