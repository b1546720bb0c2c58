import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { SegmentsScreen } from "@/components/segments/segments-screen";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.segments.title };
}

export default async function SegmentsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "segments.read")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.segments.title} subtitle={t.segments.subtitle} />
      <SegmentsScreen canWrite={can(user.role, "segments.write")} />
    </div>
  );
}
