"use client";

import { useI18n } from "@/lib/i18n/client";
import { TwoFactorCard } from "@/components/account/two-factor-card";
import { ForcedAccountStep } from "./forced-account-step";

/** An admin who must enrol in two-factor sign-in (STRATUM_REQUIRE_2FA=1) sees only the enrolment card until it is on. */
export function ForcedTwoFactorEnrol({ email }: { email: string }) {
  const { t } = useI18n();
  return (
    <ForcedAccountStep email={email} title={t.account.twoFactor.forcedTitle} body={t.account.twoFactor.forcedBody} testId="forced-two-factor-enrol">
      <TwoFactorCard />
    </ForcedAccountStep>
  );
}
