import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser, serverCaller } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { HomeDashboard } from "@/components/home/home-dashboard";
import { EmptyWorkspace } from "@/components/home/empty-workspace";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.home.title };
}

export default async function HomePage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "workspace.read")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  // Through the procedure, not the repo, so the page obeys the same permission check as the API.
  const summary = await (await serverCaller()).workspace.summary();
  const empty = summary.customers === 0 && summary.products === 0 && summary.events === 0;
  return (
    <div className="page">
      <PageHeader title={t.home.title} subtitle={t.home.subtitle} />
      {empty ? <EmptyWorkspace /> : <HomeDashboard summary={summary} />}
    </div>
  );
}
