import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const SIGNATURE_HEADER = "x-stratum-signature";
export const TIMESTAMP_HEADER = "x-stratum-timestamp";

/** HMAC-SHA256 over "<timestamp>.<body>": binding the time stops a captured request being replayed later. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** For receivers (and tests): constant-time check of a signature. */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const ZWebhookConfig = z.object({
  STRATUM_CAMPAIGN_WEBHOOK_URL: z.url({ message: "STRATUM_CAMPAIGN_WEBHOOK_URL must be an http(s) URL" }),
  STRATUM_CAMPAIGN_WEBHOOK_SECRET: z.string().min(16, { message: "STRATUM_CAMPAIGN_WEBHOOK_SECRET must be at least 16 characters" }),
});

export interface WebhookConfig {
  url: string;
  secret: string;
}

/** The configured delivery endpoint, or undefined when none is configured (export-only). */
export function webhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig | undefined {
  if (!env.STRATUM_CAMPAIGN_WEBHOOK_URL && !env.STRATUM_CAMPAIGN_WEBHOOK_SECRET) return undefined;
  const parsed = ZWebhookConfig.parse(env);
  return { url: parsed.STRATUM_CAMPAIGN_WEBHOOK_URL, secret: parsed.STRATUM_CAMPAIGN_WEBHOOK_SECRET };
}

/** One signed POST; a non-2xx answer or a network failure throws so the job queue retries with backoff. */
export async function postSigned(config: WebhookConfig, body: string, now: Date = new Date()): Promise<number> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const response = await fetch(config.url, {
    method: "POST",
    headers: { "content-type": "application/json", [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signPayload(config.secret, timestamp, body) },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`webhook ${config.url} answered ${response.status}`);
  return response.status;
}
