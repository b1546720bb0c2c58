import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth";
import { languageTag } from "@/lib/i18n";
import { getServerDictionary } from "@/lib/i18n/server";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: { default: t.app.name, template: `%s · ${t.app.name}` }, description: t.app.tagline };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ locale }, session] = await Promise.all([getServerDictionary(), getServerSession(authOptions())]);
  return (
    <html lang={languageTag(locale)}>
      <body>
        <Providers locale={locale} session={session}>{children}</Providers>
      </body>
    </html>
  );
}
