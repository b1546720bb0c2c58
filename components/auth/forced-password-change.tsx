"use client";

import { useEffect } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { ChangePasswordForm } from "./change-password-form";

/**
 * What the dashboard shows, on every page, to someone whose password an admin set: only the
 * change-password form, at /account. The server refuses every other procedure until the change
 * (server/api/trpc.ts), so this is the way on, not the lock.
 */
export function ForcedPasswordChange({ email }: { email: string }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    if (pathname !== "/account") router.replace("/account");
  }, [pathname, router]);

  return (
    <main className="login-page">
      <div className="card login-card" data-testid="forced-password-change">
        <div>
          <h1>{t.account.forcedTitle}</h1>
          <p className="muted">{t.account.forcedBody}</p>
          <p className="muted">
            {t.account.signedInAs} <strong>{email}</strong>
          </p>
        </div>
        <ChangePasswordForm />
        <SignOutButton />
      </div>
    </main>
  );
}
