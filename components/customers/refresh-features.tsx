"use client";

import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { formatDate, formatDateTime } from "@/lib/format";
import { useToast } from "@/components/ui/toast";

const POLL_MS = 1000;

/** Shows when features were computed; for admins, a button that queues a refresh and its progress. */
export function RefreshFeatures({ canRefresh }: { canRefresh: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [startedId, setStartedId] = useState<string | null>(null);
  const handled = useRef(new Set<string>());
  const status = useQuery(trpc.features.status.queryOptions());
  // A refresh already under way (another tab, another admin) is followed too.
  const latest = useQuery({ ...trpc.features.latestJob.queryOptions(), enabled: canRefresh });
  // The ingestion API queues its refresh for later; until then the admin may still run one now.
  const scheduledAt = latest.data?.scheduledFor ? new Date(latest.data.scheduledFor) : null;
  const open = latest.data && !scheduledAt && (latest.data.status === "queued" || latest.data.status === "running") ? latest.data.id : null;
  const jobId = startedId ?? open;

  const job = useQuery({
    ...trpc.features.job.queryOptions({ id: jobId ?? "00000000-0000-4000-8000-000000000000" }),
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const state = query.state.data?.status;
      return state === "succeeded" || state === "failed" ? false : POLL_MS;
    },
  });

  const finished = job.data && (job.data.status === "succeeded" || job.data.status === "failed") ? job.data : null;
  useEffect(() => {
    if (!finished || handled.current.has(finished.id)) return;
    handled.current.add(finished.id);
    if (finished.status === "succeeded") {
      const customers = (finished.result as { customers?: number } | null)?.customers ?? 0;
      toast.success(t.customers.refresh.done(customers));
    } else {
      toast.error(t.customers.refresh.failed(finished.error ?? ""));
    }
    void queryClient.invalidateQueries({ queryKey: trpc.features.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
  }, [finished, toast, t, queryClient, trpc]);

  const refresh = useMutation(
    trpc.features.refresh.mutationOptions({
      onSuccess: (data) => setStartedId(data.id),
      onError: (error) => toast.error(readError(error, t.common.loadFailed).message),
    }),
  );

  const running = jobId !== null && finished === null;
  const percent = Math.round((job.data?.progress ?? 0) * 100);
  return (
    <div className="toolbar" data-testid="feature-refresh">
      <span className="cell-muted" data-testid="feature-status">
        {status.data && status.data.computedAt && status.data.asOf
          ? t.customers.refresh.status(status.data.customers, formatDateTime(locale, status.data.computedAt), formatDate(locale, status.data.asOf))
          : status.isPending
            ? t.common.loading
            : t.customers.refresh.never}
      </span>
      {canRefresh && (
        <button type="button" className="btn btn-secondary btn-sm" disabled={running || refresh.isPending} onClick={() => refresh.mutate({})}>
          {t.customers.refresh.button}
        </button>
      )}
      {!running && scheduledAt && (
        <span className="cell-muted" data-testid="feature-refresh-scheduled">
          {t.customers.refresh.scheduled(formatDateTime(locale, scheduledAt))}
        </span>
      )}
      {running && (
        <span role="status" data-testid="feature-refresh-progress">
          <progress max={100} value={percent} aria-label={t.customers.refresh.button} />{" "}
          {job.data?.status === "running" ? t.customers.refresh.running(percent, job.data.message ?? "") : t.customers.refresh.queued}
        </span>
      )}
    </div>
  );
}
