"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { CampaignBuilder } from "./campaign-builder";

/** The builder filled in from a draft; anything past draft is read-only and says so. */
export function EditDraft({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ id: campaignId }));
  if (campaign.isError) return <QueryError message={campaign.error.message} onRetry={() => void campaign.refetch()} />;
  if (!campaign.data) return <Skeleton height={320} />;
  if (campaign.data.status !== "draft") {
    return (
      <div className="alert alert-info" data-testid="not-a-draft">
        {t.campaigns.notADraft} <Link href="/campaigns">{t.campaigns.back}</Link>
      </div>
    );
  }
  return <CampaignBuilder key={campaign.data.id} draft={campaign.data} />;
}
