"use client";

import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { ApiKeyRow } from "./types";
import { useApiKeysInvalidation } from "./use-api-keys-invalidation";

export function RevokeApiKeyButton({ row }: { row: ApiKeyRow }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useApiKeysInvalidation();
  const [confirming, setConfirming] = useState(false);

  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSuccess: () => toast.success(t.apiKeys.toasts.revoked(row.name)),
      onError: (error) => toast.error(readError(error, t.common.loadFailed).message),
      onSettled: async () => {
        setConfirming(false);
        await invalidate();
      },
    }),
  );

  return (
    <>
      <button type="button" className="btn btn-secondary btn-sm" disabled={revoke.isPending} onClick={() => setConfirming(true)}>
        {t.apiKeys.revoke.action}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t.apiKeys.revoke.title}
        body={t.apiKeys.revoke.body(row.name)}
        confirmLabel={t.apiKeys.revoke.confirm}
        busy={revoke.isPending}
        onConfirm={() => revoke.mutate({ id: row.id })}
        onCancel={() => setConfirming(false)}
      />
    </>
  );
}
