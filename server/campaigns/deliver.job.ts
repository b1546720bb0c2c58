import { AppError } from "../errors";
import { handleJob, jobKinds } from "../jobs";
import { audienceRows } from "./audience.repo";
import { findCampaign, listVariants } from "./campaigns.repo";
import { postSigned, webhookConfig } from "./webhook";

/**
 * Sends one variant's audience to the configured webhook. One job per variant, so a retry resends
 * only the part that failed; a 5xx or network error is retried by the queue with backoff.
 */
export const deliverCampaignJob = handleJob(jobKinds.campaignsDeliver, async ({ db, payload, reportProgress }) => {
    const config = webhookConfig();
    if (!config) throw new AppError("PRECONDITION_FAILED", "No webhook configured (STRATUM_CAMPAIGN_WEBHOOK_URL / _SECRET)", "url");
    const campaign = await findCampaign(db, payload.campaignId);
    if (!campaign) throw new AppError("NOT_FOUND", "campaign no longer exists", "campaignId");
    const variant = (await listVariants(db, campaign.id)).find((v) => v.id === payload.variantId);
    if (!variant) throw new AppError("NOT_FOUND", "variant no longer exists", "variantId");
    const recipients = await audienceRows(db, campaign.id, variant.id);
    const body = JSON.stringify({
      campaign: { id: campaign.id, name: campaign.name, channel: campaign.channel },
      variant: { key: variant.key, name: variant.name, message: variant.message, couponPercentOff: variant.couponPercentOff, offerProductId: variant.offerProductId },
      recipients: recipients.map((r) => ({ customerId: r.externalId, email: r.email, phone: r.phone, displayName: r.displayName })),
    });
    const status = await postSigned(config, body);
    await reportProgress(1, `delivered ${recipients.length} recipients`);
    return { variant: variant.key, recipients: recipients.length, status };
});
