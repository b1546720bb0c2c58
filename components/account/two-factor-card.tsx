"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import { useTRPC } from "@/lib/trpc/client";
import { useFormErrors } from "@/lib/trpc/use-form-errors";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";
import { readText } from "@/lib/form-data";
import { formatDate } from "@/lib/format";
import { FormField } from "@/components/ui/form-field";

async function signOutToLogin() {
  await signOut({ redirect: false });
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/login");
}

/**
 * The member's own two-factor sign-in (staff.twoFactor.*): off → set up (setup key and otpauth://
 * link shown as text to paste into an authenticator, then a code to confirm) → the ten recovery
 * codes, shown this once → sign in again (turning it on ends every session). When on: turn off
 * with the password and a code.
 */
export function TwoFactorCard() {
  const { t, locale } = useI18n();
  const copy = t.account.twoFactor;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const errors = useFormErrors(t.common.loadFailed);
  const status = useQuery(trpc.staff.twoFactor.status.queryOptions());
  const [enrolment, setEnrolment] = useState<{ secret: string; uri: string } | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [copied, setCopied] = useState(false);

  const begin = useMutation(trpc.staff.twoFactor.begin.mutationOptions({ onSuccess: setEnrolment, onError: errors.show }));
  const confirm = useMutation(
    trpc.staff.twoFactor.confirm.mutationOptions({
      onSuccess: (result) => {
        setEnrolment(null);
        setRecoveryCodes(result.recoveryCodes);
      },
      onError: errors.show,
    }),
  );
  const disable = useMutation(
    trpc.staff.twoFactor.disable.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        await signOutToLogin();
      },
      onError: errors.show,
    }),
  );

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.clear();
    confirm.mutate({ code: readText(new FormData(event.currentTarget), "code") });
  }

  function onDisable(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    errors.clear();
    const form = new FormData(event.currentTarget);
    disable.mutate({ currentPassword: readText(form, "currentPassword"), code: readText(form, "code") });
  }

  async function onCopy() {
    if (!recoveryCodes) return;
    try {
      await navigator.clipboard.writeText(recoveryCodes.join("\n"));
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const alert = errors.formError && (
    <div className="alert alert-error" role="alert" style={{ marginBottom: 12 }}>
      {errors.formError}
    </div>
  );

  if (recoveryCodes) {
    return (
      <div data-testid="two-factor-recovery-codes">
        <h3>{copy.recoveryTitle}</h3>
        <div className="alert alert-info" role="alert" style={{ marginBottom: 12 }}>
          {copy.recoveryBody}
        </div>
        <ul className="mono" aria-label={copy.recoveryTitle}>
          {recoveryCodes.map((code) => (
            <li key={code} data-testid="two-factor-recovery-code">
              {code}
            </li>
          ))}
        </ul>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onCopy}>
            {copy.copy}
          </button>
          {copied && <span role="status">{copy.copied}</span>}
          <button type="button" className="btn btn-primary" onClick={signOutToLogin}>
            {copy.done}
          </button>
        </div>
      </div>
    );
  }

  if (!status.data) return <p className="muted">{copy.loading}</p>;

  if (status.data.enabled) {
    return (
      <div data-testid="two-factor-on">
        <p>{copy.on(formatDate(locale, status.data.enabledAt ?? new Date()))}</p>
        <p className="muted">{copy.recoveryLeft(status.data.recoveryCodesLeft)}</p>
        {status.data.required ? (
          <p className="muted">{copy.required}</p>
        ) : (
          <form method="post" onSubmit={onDisable} noValidate data-testid="two-factor-disable-form" aria-busy={disable.isPending}>
            {alert}
            <FormField id="two-factor-disable-password" label={t.account.currentPassword} error={errors.fieldErrors.currentPassword}>
              {(props) => <input {...props} name="currentPassword" className="input" type="password" autoComplete="current-password" />}
            </FormField>
            <FormField id="two-factor-disable-code" label={copy.disableCode} error={errors.fieldErrors.code}>
              {(props) => <input {...props} name="code" className="input" type="text" autoComplete="one-time-code" />}
            </FormField>
            <p className="muted">{copy.sessionsNotice}</p>
            <div className="form-actions">
              <button type="submit" className="btn btn-danger" disabled={!hydrated || disable.isPending}>
                {disable.isPending ? copy.disabling : copy.disable}
              </button>
            </div>
          </form>
        )}
      </div>
    );
  }

  return (
    <div data-testid="two-factor-off">
      <p>{copy.off}</p>
      {status.data.required && <p className="muted">{copy.required}</p>}
      {alert}
      {enrolment ? (
        <form method="post" onSubmit={onConfirm} noValidate data-testid="two-factor-enrol-form" aria-busy={confirm.isPending}>
          <p className="muted">{copy.instructions}</p>
          <FormField id="two-factor-secret" label={copy.secret}>
            {(props) => <input {...props} className="input mono" readOnly value={enrolment.secret} data-testid="two-factor-secret" onFocus={(event) => event.currentTarget.select()} />}
          </FormField>
          <FormField id="two-factor-uri" label={copy.uri}>
            {(props) => <input {...props} className="input mono" readOnly value={enrolment.uri} data-testid="two-factor-uri" onFocus={(event) => event.currentTarget.select()} />}
          </FormField>
          <FormField id="two-factor-code" label={copy.code} error={errors.fieldErrors.code}>
            {(props) => <input {...props} name="code" className="input" type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />}
          </FormField>
          <p className="muted">{copy.sessionsNotice}</p>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!hydrated || confirm.isPending}>
              {confirm.isPending ? copy.confirming : copy.confirm}
            </button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <button type="button" className="btn btn-primary" disabled={!hydrated || begin.isPending} onClick={() => { errors.clear(); begin.mutate(); }}>
            {begin.isPending ? copy.starting : copy.start}
          </button>
        </div>
      )}
    </div>
  );
}
