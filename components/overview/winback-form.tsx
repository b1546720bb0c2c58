"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { FormField } from "@/components/ui/form-field";
import { useToast } from "@/components/ui/toast";
import type { OverviewFilters } from "./use-overview-filters";

/** Turns the riskiest customers under the current filters into a manual segment for a win-back campaign. */
export function WinbackForm({ filters, available }: { filters: OverviewFilters; available: number }) {
  const { t } = useI18n();
  const c = t.overview.churn;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const errors = useFormErrors(t.common.loadFailed);
  const [size, setSize] = useState("100");
  const [name, setName] = useState(c.winbackDefaultName(filters.to));
  const build = useMutation(
    trpc.kpi.buildWinback.mutationOptions({
      onSuccess(result) {
        toast.success(c.winbackDone(result.name, result.size));
        void queryClient.invalidateQueries({ queryKey: trpc.kpi.options.pathKey() });
      },
      onError(error) {
        errors.show(error);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    errors.clear();
    build.mutate({ filters, size: Number(size), name });
  };
  return (
    <form className="overview-winback" onSubmit={submit} data-testid="winback-form" noValidate>
      <strong>{c.winbackTitle}</strong>
      {errors.formError && (
        <div className="alert alert-error" role="alert">
          {errors.formError}
        </div>
      )}
      <div className="overview-filter-row">
        <FormField id="winback-size" label={c.winbackSize} error={errors.fieldErrors.size}>
          {(props) => <input {...props} className="input" type="number" min={1} max={Math.max(1, Math.min(5000, available))} value={size} onChange={(e) => setSize(e.target.value)} />}
        </FormField>
        <FormField id="winback-name" label={c.winbackName} error={errors.fieldErrors.name}>
          {(props) => <input {...props} className="input" value={name} onChange={(e) => setName(e.target.value)} />}
        </FormField>
        <button type="submit" className="btn btn-primary" disabled={build.isPending} data-testid="winback-submit">
          {c.winbackButton}
        </button>
      </div>
    </form>
  );
}
