"use client";

import { useEffect } from "react";
import { usePathname, useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { SignOutButton } from "@/components/layout/sign-out-button";
import { TwoFactorCard } from "@/components/account/two-factor-card";

/**
 * What the dashboard shows, on every page, to an admin who must enrol in two-factor sign-in
 * (STRATUM_REQUIRE_2FA=1): only the enrolment card, at /account. The server refuses every other
 * procedure until it is on (server/api/trpc.ts).
 */
export function ForcedTwoFactorEnrol({ email }: { email: string }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    if (pathname !== "/account") router.replace("/account");
  }, [pathname, router]);

  return (
    <main className="login-page">
      <div className="card login-card" data-testid="forced-two-factor-enrol">
        <div>
          <h1>{t.account.twoFactor.forcedTitle}</h1>
          <p className="muted">{t.account.twoFactor.forcedBody}</p>
          <p className="muted">
            {t.account.signedInAs} <strong>{email}</strong>
          </p>
        </div>
        <TwoFactorCard />
        <SignOutButton />
      </div>
    </main>
  );
}
