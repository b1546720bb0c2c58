"use client";

import { useI18n } from "@/lib/i18n/client";
import { ChangePasswordForm } from "./change-password-form";
import { ForcedAccountStep } from "./forced-account-step";

/** Someone whose password an admin set sees only the change-password form until they change it. */
export function ForcedPasswordChange({ email }: { email: string }) {
  const { t } = useI18n();
  return (
    <ForcedAccountStep email={email} title={t.account.forcedTitle} body={t.account.forcedBody} testId="forced-password-change">
      <ChangePasswordForm />
    </ForcedAccountStep>
  );
}
