"use client";

import { useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";
import { readText } from "@/lib/form-data";

type SignInError = "invalid" | "disabled" | "twoFactorRequired" | "rateLimited" | "unknown";

// The server's authorize() throws exactly these codes; anything else is a transport failure.
// A locked account answers "invalid" like every other failure, so the lock is not announced to a
// guesser; the hint under that message tells a real user what may have happened. "2fa_required"
// follows only the right password of an account with two-factor sign-in: the form asks for a code.
function toSignInError(code: string | null | undefined): SignInError {
  if (code === "2fa_required") return "twoFactorRequired";
  // Refused before the password was looked at (too many attempts from one address or for one account).
  if (code === "rate_limited") return "rateLimited";
  return code === "invalid" || code === "disabled" ? code : "unknown";
}


export function LoginForm() {
  const { t } = useI18n();
  const hydrated = useHydrated();
  const [error, setError] = useState<SignInError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [askCode, setAskCode] = useState(false);

  // Uncontrolled inputs: what was typed before hydration is still read at submit.
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setSubmitting(true);
    setError(null);
    try {
      const code = askCode ? readText(form, "code").trim() : "";
      const result = await signIn("credentials", { email: readText(form, "email"), password: readText(form, "password"), code, redirect: false });
      if (result?.ok && !result.error) {
        // A full page load so the root layout re-seeds SessionProvider and every server
        // component renders with the new session cookie.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/");
        return;
      }
      const failure = toSignInError(result?.error);
      if (failure === "twoFactorRequired") setAskCode(true);
      setError(failure);
    } catch {
      setError("unknown");
    }
    setSubmitting(false);
  }

  return (
    <form className="login-form" method="post" onSubmit={onSubmit} noValidate aria-busy={submitting}>
      {error && (
        <div className="alert alert-error" role="alert" data-testid="login-error" data-error={error}>
          {t.login.errors[error]}
        </div>
      )}
      {error === "invalid" && (
        <p className="muted" data-testid="login-lockout-hint">
          {t.login.lockoutHint}
        </p>
      )}
      <div className="field">
        <label htmlFor="login-email">{t.login.email}</label>
        <input id="login-email" name="email" className="input" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t.login.password}</label>
        <input id="login-password" name="password" className="input" type="password" autoComplete="current-password" required />
      </div>
      {askCode && (
        <div className="field">
          <label htmlFor="login-code">{t.login.code}</label>
          <input id="login-code" name="code" className="input" type="text" autoComplete="one-time-code" aria-describedby="login-code-hint" autoFocus />
          <span className="field-hint" id="login-code-hint">
            {t.login.codeHint}
          </span>
        </div>
      )}
      <button type="submit" className="btn btn-primary btn-block" disabled={!hydrated || submitting}>
        {submitting ? t.login.submitting : t.login.submit}
      </button>
    </form>
  );
}
