import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { SegmentEditor } from "@/components/segments/segment-editor";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.segments.detail.edit };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditSegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "segments.write")) return <Forbidden role={user.role} />;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  return (
    <div className="page">
      <SegmentEditor segmentId={id} />
    </div>
  );
}
