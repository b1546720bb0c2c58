import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitch } from "@/components/layout/locale-switch";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.login.submit };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentUser()) redirect("/");
  const { t } = await getServerDictionary();
  const passwordChanged = (await searchParams).changed === "1";
  return (
    <main className="login-page">
      <div className="card login-card">
        <div className="login-top">
          <span className="login-brand">
            <span className="brand-mark" aria-hidden="true">
              S
            </span>
            {t.app.name}
          </span>
          <LocaleSwitch />
        </div>
        <div>
          <h1>{t.login.title}</h1>
          <p className="muted">{t.login.subtitle}</p>
        </div>
        {passwordChanged && (
          <div className="alert alert-info" role="status" data-testid="login-password-changed">
            {t.login.passwordChanged}
          </div>
        )}
        <LoginForm />
      </div>
    </main>
  );
}
