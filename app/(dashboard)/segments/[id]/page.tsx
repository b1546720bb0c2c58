import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { SegmentDetailScreen } from "@/components/segments/segment-detail";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.segments.title };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function SegmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "segments.read")) return <Forbidden role={user.role} />;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  return (
    <div className="page">
      <SegmentDetailScreen
        segmentId={id}
        canWrite={can(user.role, "segments.write")}
        canExport={can(user.role, "audience.export")}
        canChangeStarters={user.role === "admin"}
      />
    </div>
  );
}
