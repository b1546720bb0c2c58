import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { PageHeader } from "@/components/layout/page-header";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { TwoFactorCard } from "@/components/account/two-factor-card";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.account.title };
}

/** Every role's own account: who is signed in, the change-password form and two-factor sign-in (account.self). */
export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.account.title} subtitle={t.account.subtitle} />
      <section className="card" aria-labelledby="account-who">
        <h2 className="card-title" id="account-who">
          {t.account.signedInAs}
        </h2>
        <p data-testid="account-identity">
          <span data-i18n-skip>{user.name}</span> · {user.email} · {t.roles[user.role]}
        </p>
      </section>
      <section className="card" aria-labelledby="account-change-title">
        <h2 className="card-title" id="account-change-title">
          {t.account.changeTitle}
        </h2>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="account-two-factor-title" data-testid="account-two-factor">
        <h2 className="card-title" id="account-two-factor-title">
          {t.account.twoFactor.title}
        </h2>
        <TwoFactorCard />
      </section>
    </div>
  );
}
