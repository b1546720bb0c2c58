"use client";

import { type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { useI18n } from "@/lib/i18n/client";
import { isRoleOption, ROLE_OPTIONS } from "@/lib/roles";
import { useHydrated } from "@/lib/use-hydrated";
import { useToast } from "@/components/ui/toast";
import { FormField } from "@/components/ui/form-field";
import { useStaffInvalidation } from "./use-staff-invalidation";
import { readText } from "@/lib/form-data";


export function CreateStaffForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const hydrated = useHydrated();
  const invalidate = useStaffInvalidation();
  const errors = useFormErrors(t.common.loadFailed);

  const create = useMutation(
    trpc.staff.create.mutationOptions({
      onSuccess: (created) => {
        toast.success(t.staff.toasts.created(created.email));
        errors.clear();
      },
      onError: errors.show,
      onSettled: invalidate,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const role = readText(form, "role");
    if (!isRoleOption(role)) return;
    create.mutate(
      { email: readText(form, "email"), name: readText(form, "name"), role, password: readText(form, "password") },
      { onSuccess: () => formElement.reset() },
    );
  }

  return (
    <section className="card" aria-labelledby="create-staff-title">
      <h2 className="card-title" id="create-staff-title">
        {t.staff.create.title}
      </h2>
      {/* noValidate: the server's messages (zod and domain) are the ones shown, beside each field. */}
      <form method="post" onSubmit={onSubmit} noValidate data-testid="create-staff-form">
        {errors.formError && (
          <div className="alert alert-error" role="alert" style={{ marginBottom: 12 }}>
            {errors.formError}
          </div>
        )}
        <div className="form-grid">
          <FormField id="staff-email" label={t.staff.create.email} error={errors.fieldErrors.email}>
            {(props) => <input {...props} name="email" className="input" type="email" autoComplete="off" />}
          </FormField>
          <FormField id="staff-name" label={t.staff.create.name} error={errors.fieldErrors.name}>
            {(props) => <input {...props} name="name" className="input" type="text" autoComplete="off" />}
          </FormField>
          <FormField id="staff-role" label={t.staff.create.role} error={errors.fieldErrors.role}>
            {(props) => (
              <select {...props} name="role" className="select" defaultValue="marketer">
                {ROLE_OPTIONS.map((role) => (
                  <option key={role} value={role}>
                    {t.roles[role]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id="staff-password" label={t.staff.create.password} hint={t.staff.create.passwordHint} error={errors.fieldErrors.password}>
            {(props) => <input {...props} name="password" className="input" type="password" autoComplete="new-password" />}
          </FormField>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!hydrated || create.isPending}>
            {create.isPending ? t.staff.create.submitting : t.staff.create.submit}
          </button>
        </div>
      </form>
    </section>
  );
}
