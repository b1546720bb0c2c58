import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { EditDraft } from "@/components/campaigns/edit-draft";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.campaigns.editTitle };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "campaigns.write")) return <Forbidden role={user.role} />;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.campaigns.editTitle} subtitle={t.campaigns.builderSubtitle} />
      <EditDraft campaignId={id} />
    </div>
  );
}
