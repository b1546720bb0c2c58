import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { CampaignBuilder } from "@/components/campaigns/campaign-builder";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.campaigns.builderTitle };
}

export default async function NewCampaignPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "campaigns.write")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.campaigns.builderTitle} subtitle={t.campaigns.builderSubtitle} />
      <CampaignBuilder />
    </div>
  );
}
