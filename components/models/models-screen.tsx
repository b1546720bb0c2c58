"use client";

import Link from "next/link";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { algorithmLabel } from "@/lib/i18n/model-label";
import { formatDateTime, formatNumber } from "@/lib/format";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toast";
import { RunStatus } from "./run-progress";
import { ScheduleSwitch } from "./schedule-switch";
import { TrainForm } from "./train-form";
import { TASKS, type ModelTaskName, type RunSummary } from "./types";

const POLL_MS = 1000;

type Pending = { kind: "activate" | "rollback"; run: RunSummary } | null;

/** Runs per task with live progress, retrain form, compare, activate / roll back / cancel. */
export function ModelsScreen({ canManage }: { canManage: boolean }) {
  const { t, locale } = useI18n();
  const m = t.models;
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [task, setTask] = useState<ModelTaskName>("churn");
  const [selected, setSelected] = useState<string[]>([]);
  const [showForm, setShowForm] = useState(false);
  const [pending, setPending] = useState<Pending>(null);

  const runs = useQuery({
    ...trpc.models.runs.queryOptions({ task, limit: 50 }),
    // Poll while anything is queued or running, so the progress bars move.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "queued" || r.status === "running") ? POLL_MS : false),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.models.pathKey() });
  const onError = (error: unknown) => toast.error(readError(error, t.common.loadFailed).message);
  const activate = useMutation(trpc.models.activate.mutationOptions({ onSuccess: (d) => (toast.success(m.activated(d.version)), setPending(null), void refresh()), onError }));
  const rollback = useMutation(trpc.models.rollback.mutationOptions({ onSuccess: (d) => (toast.success(m.activated(d.version)), setPending(null), void refresh()), onError }));
  const cancel = useMutation(trpc.models.cancel.mutationOptions({ onSuccess: () => void refresh(), onError }));

  const active = runs.data?.find((r) => r.isActive);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s.slice(-1), id]));
  const headline = (run: RunSummary) =>
    run.headline === null ? "—" : `${m.headline[run.task]} ${task === "baskets" ? formatNumber(locale, run.headline) : run.headline.toFixed(3)}`;

  return (
    <div className="models-screen">
      <div className="toolbar">
        <div className="models-tabs" role="tablist">
          {TASKS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={task === name}
              className={`btn btn-sm ${task === name ? "btn-primary" : "btn-secondary"}`}
              onClick={() => (setTask(name), setSelected([]), setShowForm(false))}
              data-testid={`task-${name}`}
            >
              {m.tasks[name]}
            </button>
          ))}
        </div>
        {canManage && (
          <button type="button" className="btn btn-primary btn-sm" onClick={() => setShowForm((v) => !v)} data-testid="retrain">
            {m.retrain}
          </button>
        )}
        {selected.length === 2 && (
          <Link className="btn btn-secondary btn-sm" href={`/models/compare?a=${selected[0]}&b=${selected[1]}`} data-testid="compare-selected">
            {m.compareSelected}
          </Link>
        )}
      </div>
      {canManage ? <ScheduleSwitch /> : <p className="cell-muted">{m.readOnly}</p>}
      {canManage && showForm && <TrainForm key={task} task={task} onQueued={() => (setShowForm(false), void refresh())} />}
      <p className="cell-muted">{m.compareHint}</p>
      {runs.isError ? (
        <QueryError message={runs.error.message} onRetry={() => void runs.refetch()} />
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="runs-table" aria-busy={runs.isPending}>
            <thead>
              <tr>
                <th scope="col">{m.columns.compare}</th>
                <th scope="col">{m.columns.version}</th>
                <th scope="col">{m.columns.algorithm}</th>
                <th scope="col">{m.columns.status}</th>
                <th scope="col">{m.columns.headline}</th>
                <th scope="col">{m.columns.rows}</th>
                <th scope="col">{m.columns.duration}</th>
                <th scope="col">{m.columns.trainedBy}</th>
                <th scope="col">{m.columns.created}</th>
                <th scope="col">{m.columns.actions}</th>
              </tr>
            </thead>
            <tbody>
              {runs.isPending &&
                Array.from({ length: 4 }, (_, i) => (
                  <tr key={i}>
                    <td colSpan={10}>
                      <Skeleton height={18} />
                    </td>
                  </tr>
                ))}
              {runs.data?.length === 0 && (
                <tr>
                  <td className="empty" colSpan={10}>
                    {m.empty}
                  </td>
                </tr>
              )}
              {runs.data?.map((run) => (
                <tr key={run.id} data-testid={`run-row-${run.version}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${m.columns.compare} v${run.version}`}
                      checked={selected.includes(run.id)}
                      disabled={run.status !== "succeeded"}
                      onChange={() => toggle(run.id)}
                      data-testid={`compare-${run.version}`}
                    />
                  </td>
                  <td>
                    <Link href={`/models/${run.id}`}>v{run.version}</Link>
                  </td>
                  <td>{algorithmLabel(m, run.algorithm)}</td>
                  <td>
                    <RunStatus run={run} />
                  </td>
                  <td>{headline(run)}</td>
                  <td>{run.rowCount === null ? "—" : formatNumber(locale, run.rowCount)}</td>
                  <td>{run.durationMs === null ? "—" : `${(run.durationMs / 1000).toFixed(1)} s`}</td>
                  <td>{run.trainedByEmail ?? m.system}</td>
                  <td>{formatDateTime(locale, new Date(run.createdAt))}</td>
                  <td className="models-actions">
                    <Link className="btn btn-ghost btn-sm" href={`/models/${run.id}`}>
                      {m.view}
                    </Link>
                    {canManage && run.status === "succeeded" && !run.isActive && (
                      <button
                        type="button"
                        className="btn btn-secondary btn-sm"
                        data-testid={`activate-${run.version}`}
                        onClick={() => setPending({ kind: active && run.version < active.version ? "rollback" : "activate", run })}
                      >
                        {active && run.version < active.version ? m.rollback : m.activate}
                      </button>
                    )}
                    {canManage && (run.status === "queued" || run.status === "running") && (
                      <button type="button" className="btn btn-danger btn-sm" onClick={() => cancel.mutate({ id: run.id })} data-testid={`cancel-${run.version}`}>
                        {m.cancelRun}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? (pending.kind === "rollback" ? m.rollbackTitle(pending.run.version) : m.activateTitle(pending.run.version)) : ""}
        body={pending?.kind === "rollback" ? m.rollbackBody : m.activateBody}
        confirmLabel={pending?.kind === "rollback" ? m.rollback : m.activate}
        busy={activate.isPending || rollback.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && (pending.kind === "rollback" ? rollback : activate).mutate({ id: pending.run.id })}
      />
    </div>
  );
}
