import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { parseEnv } from "../env";
import { AppError } from "../errors";

export const SIGNATURE_HEADER = "x-stratum-signature";
export const TIMESTAMP_HEADER = "x-stratum-timestamp";

/** HMAC-SHA256 over "<timestamp>.<body>": binding the time stops a captured request being replayed later. */
export function signPayload(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** How far a signed timestamp may be from the receiver's clock, either way: older is a replay. */
export const MAX_TIMESTAMP_AGE_SECONDS = 5 * 60;

/**
 * For receivers (and tests): the signature is right (constant-time check) AND its timestamp, whole
 * seconds since the epoch, is at most MAX_TIMESTAMP_AGE_SECONDS from `now` either way, so a
 * captured request cannot be replayed later. `now` defaults to the clock.
 */
export function verifySignature(secret: string, timestamp: string, body: string, signature: string, options: { now?: Date } = {}): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_TIMESTAMP_AGE_SECONDS) return false;
  const expected = Buffer.from(signPayload(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Hosts on this machine: a plain-http webhook to one of them never crosses a network. */
const LOOPBACK_HOSTS = new Set(["localhost", "[::1]"]);
const isLoopback = (hostname: string) => LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);

const ZWebhookConfig = z.object({
  STRATUM_CAMPAIGN_WEBHOOK_URL: z.url({ protocol: /^https?$/, message: "STRATUM_CAMPAIGN_WEBHOOK_URL must be an https:// URL" }),
  STRATUM_CAMPAIGN_WEBHOOK_SECRET: z.string().min(16, { message: "STRATUM_CAMPAIGN_WEBHOOK_SECRET must be at least 16 characters" }),
});

/**
 * The body holds names, e-mails and phone numbers, so outside demo mode the URL must be https
 * (plain http only to a loopback address, which never leaves the machine).
 */
function requireTls(url: string, env: Record<string, string | undefined>): void {
  const parsed = new URL(url);
  if (parsed.protocol === "https:" || isLoopback(parsed.hostname)) return;
  if (parseEnv(env).demoMode) return;
  throw new AppError(
    "PRECONDITION_FAILED",
    `STRATUM_CAMPAIGN_WEBHOOK_URL must be an https:// URL outside demo mode: the webhook body holds customers' personal data (got ${parsed.protocol}//${parsed.host})`,
    "STRATUM_CAMPAIGN_WEBHOOK_URL",
  );
}

export interface WebhookConfig {
  url: string;
  secret: string;
}

/** The configured delivery endpoint, or undefined when none is configured (export-only). */
export function webhookConfig(env: Record<string, string | undefined> = process.env): WebhookConfig | undefined {
  if (!env.STRATUM_CAMPAIGN_WEBHOOK_URL && !env.STRATUM_CAMPAIGN_WEBHOOK_SECRET) return undefined;
  const result = ZWebhookConfig.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new AppError("PRECONDITION_FAILED", result.error.issues.map((i) => i.message).join("; "), issue?.path.map(String).join("."));
  }
  requireTls(result.data.STRATUM_CAMPAIGN_WEBHOOK_URL, env);
  return { url: result.data.STRATUM_CAMPAIGN_WEBHOOK_URL, secret: result.data.STRATUM_CAMPAIGN_WEBHOOK_SECRET };
}

/**
 * One signed POST; a non-2xx answer or a network failure throws so the job queue retries with
 * backoff. Redirects are not followed: a 307 would resend the personal data to another address
 * (perhaps over plain http).
 */
export async function postSigned(config: WebhookConfig, body: string, now: Date = new Date()): Promise<number> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const response = await fetch(config.url, {
    method: "POST",
    headers: { "content-type": "application/json", [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signPayload(config.secret, timestamp, body) },
    body,
    redirect: "error",
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok) throw new Error(`webhook ${config.url} answered ${response.status}`);
  return response.status;
}
