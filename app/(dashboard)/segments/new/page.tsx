import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { SegmentEditor } from "@/components/segments/segment-editor";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.segments.newTitle };
}

export default async function NewSegmentPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "segments.write")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.segments.newTitle} subtitle={t.segments.newSubtitle} />
      <SegmentEditor />
    </div>
  );
}
