"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { useToast } from "@/components/ui/toast";

/** The nightly retrain switch (admins only). */
export function ScheduleSwitch() {
  const { t } = useI18n();
  const m = t.models;
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const schedule = useQuery(trpc.models.schedule.queryOptions());
  const save = useMutation(
    trpc.models.setSchedule.mutationOptions({
      onSuccess: () => (toast.success(m.scheduleSaved), void queryClient.invalidateQueries({ queryKey: trpc.models.schedule.queryKey() })),
      onError: (error) => toast.error(readError(error, t.common.loadFailed).message),
    }),
  );
  const hour = schedule.data?.hourUtc ?? 2;
  return (
    <label className="models-schedule">
      <input
        type="checkbox"
        role="switch"
        checked={schedule.data?.nightly ?? false}
        disabled={schedule.isPending || save.isPending}
        onChange={(e) => save.mutate({ nightly: e.target.checked, hourUtc: hour })}
        data-testid="nightly-switch"
      />{" "}
      {m.schedule} <span className="cell-muted">{m.scheduleHint(hour)}</span>
    </label>
  );
}
