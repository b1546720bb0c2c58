"use client";

import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { useToast } from "@/components/ui/toast";

/** Admin-only: erase after typing the external id back (the server checks it too). */
export function EraseCustomer({ customerId, externalId }: { customerId: number; externalId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const e = t.customers.profile.erase;
  const erase = useMutation(
    trpc.customers.erase.mutationOptions({
      onSuccess: async (data) => {
        toast.success(e.done(data.externalId));
        setOpen(false);
        await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
        router.refresh();
      },
      onError: (error) => toast.error(readError(error, t.common.loadFailed).message),
    }),
  );
  if (!open) {
    return (
      <button type="button" className="btn btn-danger btn-sm" onClick={() => setOpen(true)}>
        {e.button}
      </button>
    );
  }
  return (
    <section className="card" role="dialog" aria-labelledby={`${inputId}-title`} data-testid="erase-customer">
      <h2 id={`${inputId}-title`} className="card-title">
        {e.title}
      </h2>
      <p>{e.body(externalId)}</p>
      <div className="field">
        <label htmlFor={inputId}>{e.confirmLabel}</label>
        <input id={inputId} className="input" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
          {t.common.cancel}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={typed.trim() !== externalId || erase.isPending}
          onClick={() => erase.mutate({ id: customerId, confirmExternalId: typed.trim() })}
        >
          {e.confirm}
        </button>
      </div>
    </section>
  );
}
