"use client";

import { useEffect, type ReactNode } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { SignOutButton } from "@/components/layout/sign-out-button";

/**
 * The one screen the dashboard shows, on every page, while an account owes a step (a password an
 * admin chose, a required two-factor enrolment): kept at /account, with a way out. The server
 * refuses every other procedure meanwhile (server/api/trpc.ts), so this is the way on, not the lock.
 */
export function ForcedAccountStep({ email, title, body, testId, children }: { email: string; title: string; body: string; testId: string; children: ReactNode }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    if (pathname !== "/account") router.replace("/account");
  }, [pathname, router]);

  return (
    <main className="login-page">
      <div className="card login-card" data-testid={testId}>
        <div>
          <h1>{title}</h1>
          <p className="muted">{body}</p>
          <p className="muted">
            {t.account.signedInAs} <strong>{email}</strong>
          </p>
        </div>
        {children}
        <SignOutButton />
      </div>
    </main>
  );
}
