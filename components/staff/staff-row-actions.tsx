"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { useStaffInvalidation } from "./use-staff-invalidation";
import { isLocked, type StaffRow } from "./types";

export function StaffRowActions({ row }: { row: StaffRow }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useStaffInvalidation();
  const [confirming, setConfirming] = useState(false);
  const showError = (error: unknown) => toast.error(readError(error, t.common.loadFailed).message);

  const setDisabled = useMutation(
    trpc.staff.setDisabled.mutationOptions({
      onSuccess: (_data, input) => toast.success(input.disabled ? t.staff.toasts.disabled(row.name) : t.staff.toasts.enabled(row.name)),
      onError: showError,
      onSettled: async () => {
        setConfirming(false);
        await invalidate();
      },
    }),
  );
  const unlock = useMutation(
    trpc.staff.unlock.mutationOptions({
      onSuccess: () => toast.success(t.staff.toasts.unlocked(row.name)),
      onError: showError,
      onSettled: invalidate,
    }),
  );

  const resetTwoFactor = useMutation(
    trpc.staff.twoFactor.reset.mutationOptions({
      onSuccess: () => toast.success(t.staff.toasts.twoFactorReset(row.name)),
      onError: showError,
      onSettled: invalidate,
    }),
  );

  return (
    <div className="row-actions">
      {row.disabled ? (
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          disabled={setDisabled.isPending}
          onClick={() => setDisabled.mutate({ id: row.id, disabled: false })}
        >
          {t.staff.actions.enable}
        </button>
      ) : (
        <button type="button" className="btn btn-secondary btn-sm" disabled={setDisabled.isPending} onClick={() => setConfirming(true)}>
          {t.staff.actions.disable}
        </button>
      )}
      {isLocked(row) && !row.disabled && (
        <button type="button" className="btn btn-secondary btn-sm" disabled={unlock.isPending} onClick={() => unlock.mutate({ id: row.id })}>
          {t.staff.actions.unlock}
        </button>
      )}
      {row.twoFactorSince !== null && (
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          disabled={resetTwoFactor.isPending}
          onClick={() => resetTwoFactor.mutate({ id: row.id })}
          data-testid="reset-two-factor"
        >
          {t.staff.actions.resetTwoFactor}
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title={t.staff.confirmDisable.title}
        body={t.staff.confirmDisable.body(row.name)}
        confirmLabel={t.staff.confirmDisable.confirm}
        busy={setDisabled.isPending}
        onConfirm={() => setDisabled.mutate({ id: row.id, disabled: true })}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
