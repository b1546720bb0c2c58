import type { CAMPAIGN_STATUSES } from "../db";

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export type CampaignAction = "submit" | "approve" | "reject" | "stop" | "complete";

/** draft → pending approval → running → stopped | completed; a rejection returns to draft. */
const TRANSITIONS: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  submit: { from: ["draft"], to: "pending_approval" },
  approve: { from: ["pending_approval"], to: "running" },
  reject: { from: ["pending_approval"], to: "draft" },
  stop: { from: ["running"], to: "stopped" },
  complete: { from: ["running"], to: "completed" },
};

export function nextStatus(action: CampaignAction, current: CampaignStatus): CampaignStatus | undefined {
  const rule = TRANSITIONS[action];
  return rule.from.includes(current) ? rule.to : undefined;
}

export function allowedActions(current: CampaignStatus): CampaignAction[] {
  return (Object.keys(TRANSITIONS) as CampaignAction[]).filter((action) => TRANSITIONS[action].from.includes(current));
}
