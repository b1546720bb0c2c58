"use client";

import { useI18n } from "@/lib/i18n/client";
import type { CampaignStatus } from "./types";

const TONE: Record<CampaignStatus, string> = {
  draft: "badge",
  pending_approval: "badge badge-warning",
  running: "badge badge-success",
  stopped: "badge badge-danger",
  completed: "badge",
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useI18n();
  return (
    <span className={TONE[status]} data-testid="campaign-status" data-status={status}>
      {t.campaigns.status[status]}
    </span>
  );
}
