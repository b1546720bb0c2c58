"use client";

import { type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";
import { useToast } from "@/components/ui/toast";
import { FormField } from "@/components/ui/form-field";
import type { CreatedApiKey } from "./types";
import { useApiKeysInvalidation } from "./use-api-keys-invalidation";
import { readText } from "@/lib/form-data";


export function CreateApiKeyForm({ onCreated }: { onCreated(created: CreatedApiKey): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const hydrated = useHydrated();
  const invalidate = useApiKeysInvalidation();
  const errors = useFormErrors(t.common.loadFailed);

  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: (created) => {
        toast.success(t.apiKeys.toasts.created(created.name));
        errors.clear();
        onCreated(created);
      },
      onError: errors.show,
      onSettled: invalidate,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate({ name: readText(form, "name"), source: readText(form, "source") }, { onSuccess: () => formElement.reset() });
  }

  return (
    <section className="card" aria-labelledby="create-api-key-title">
      <h2 className="card-title" id="create-api-key-title">
        {t.apiKeys.create.title}
      </h2>
      <form method="post" onSubmit={onSubmit} noValidate data-testid="create-api-key-form">
        {errors.formError && (
          <div className="alert alert-error" role="alert" style={{ marginBottom: 12 }}>
            {errors.formError}
          </div>
        )}
        <div className="form-grid">
          <FormField id="api-key-name" label={t.apiKeys.create.name} hint={t.apiKeys.create.nameHint} error={errors.fieldErrors.name}>
            {(props) => <input {...props} name="name" className="input" type="text" autoComplete="off" />}
          </FormField>
          <FormField id="api-key-source" label={t.apiKeys.create.source} hint={t.apiKeys.create.sourceHint} error={errors.fieldErrors.source}>
            {(props) => <input {...props} name="source" className="input mono" type="text" autoComplete="off" placeholder="app" />}
          </FormField>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!hydrated || create.isPending}>
            {create.isPending ? t.apiKeys.create.submitting : t.apiKeys.create.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
