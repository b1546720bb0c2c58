"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useTRPC } from "@/lib/trpc/client";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";
import { readText } from "@/lib/form-data";
import { FormField } from "@/components/ui/form-field";

/**
 * The signed-in member's own password change (staff.changePassword). The server checks the current
 * password and the policy and ends every session of the account, so on success this signs out and
 * goes to the login page.
 */
export function ChangePasswordForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const errors = useFormErrors(t.common.loadFailed);
  const [mismatch, setMismatch] = useState(false);

  const change = useMutation(
    trpc.staff.changePassword.mutationOptions({
      onSuccess: async () => {
        await signOut({ redirect: false });
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/login?changed=1");
      },
      onError: errors.show,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = readText(form, "newPassword");
    errors.clear();
    if (newPassword !== readText(form, "confirmPassword")) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate({ currentPassword: readText(form, "currentPassword"), newPassword });
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate data-testid="change-password-form" aria-busy={change.isPending}>
      {errors.formError && (
        <div className="alert alert-error" role="alert" style={{ marginBottom: 12 }}>
          {errors.formError}
        </div>
      )}
      <FormField id="account-current-password" label={t.account.currentPassword} error={errors.fieldErrors.currentPassword}>
        {(props) => <input {...props} name="currentPassword" className="input" type="password" autoComplete="current-password" />}
      </FormField>
      <FormField id="account-new-password" label={t.account.newPassword} hint={t.account.newPasswordHint} error={errors.fieldErrors.newPassword}>
        {(props) => <input {...props} name="newPassword" className="input" type="password" autoComplete="new-password" />}
      </FormField>
      <FormField id="account-confirm-password" label={t.account.confirmPassword} error={mismatch ? t.account.mismatch : undefined}>
        {(props) => <input {...props} name="confirmPassword" className="input" type="password" autoComplete="new-password" />}
      </FormField>
      <p className="muted">{t.account.signOutNotice}</p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!hydrated || change.isPending}>
          {change.isPending ? t.account.submitting : t.account.submit}
        </button>
      </div>
    </form>
  );
}
