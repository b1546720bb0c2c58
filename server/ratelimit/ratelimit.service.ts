import type { Db } from "../db";
import { env } from "../env";
import { ingestLimits, retryAfterSeconds, signInLimits, windowOf, type Limit, type LimitScope, type RateLimitConfig } from "./limits";
import { countHits, deleteExpiredCounters } from "./ratelimit.repo";

export type RateLimitDecision =
  | { ok: true }
  | {
      ok: false;
      what: string;
      scope: LimitScope;
      max: number;
      windowSeconds: number;
      retryAfterSeconds: number;
      /** True for the one request that first went over in this window (audit it once, not each). */
      firstRefusal: boolean;
    };

const PURGE_EVERY_MS = 60_000;
let lastPurge = 0;

/**
 * Counts the request against every limit and refuses it if any is over. The hit is counted
 * before the work it guards (a password check, an upload), so parallel requests cannot slip
 * through together; a refused request still counts, so hammering does not shorten the wait.
 */
export async function consumeRateLimits(db: Db, limits: Limit[], now = new Date()): Promise<RateLimitDecision> {
  const windows = limits.map((limit) => ({ limit, window: windowOf(limit.windowSeconds, now) }));
  const counts = await countHits(
    db,
    windows.map(({ limit, window }) => ({ bucket: limit.bucket, windowStart: window.start, expiresAt: window.end })),
  );
  if (now.getTime() - lastPurge > PURGE_EVERY_MS) {
    lastPurge = now.getTime();
    await deleteExpiredCounters(db, now).catch(() => undefined);
  }
  let refusal: RateLimitDecision = { ok: true };
  for (const { limit, window } of windows) {
    const hits = counts.get(limit.bucket) ?? 0;
    if (hits <= limit.max) continue;
    const retry = retryAfterSeconds(window, now);
    if (refusal.ok || retry > refusal.retryAfterSeconds) {
      refusal = { ok: false, what: limit.what, scope: limit.scope, max: limit.max, windowSeconds: limit.windowSeconds, retryAfterSeconds: retry, firstRefusal: hits === limit.max + 1 };
    }
  }
  return refusal;
}

/** One sign-in attempt from `ip` for `email` (counted whether or not the account exists). */
export function limitSignIn(db: Db, who: { ip: string; email: string }, now = new Date(), config: RateLimitConfig = env()): Promise<RateLimitDecision> {
  return consumeRateLimits(db, signInLimits(config, who), now);
}

/** One ingestion request from `ip` with `apiKey` (counted before the key is checked). */
export function limitIngest(db: Db, who: { ip: string; apiKey: string | null }, now = new Date(), config: RateLimitConfig = env()): Promise<RateLimitDecision> {
  return consumeRateLimits(db, ingestLimits(config, who), now);
}

/** "Too many sign-in attempts from this address: at most 60 per 15 minutes. Try again in 42 s." */
export function refusalMessage(decision: Extract<RateLimitDecision, { ok: false }>): string {
  const from = { ip: "from this address", account: "for this account", key: "with this API key" }[decision.scope];
  const per = decision.windowSeconds % 60 === 0 ? `${decision.windowSeconds / 60} minute${decision.windowSeconds === 60 ? "" : "s"}` : `${decision.windowSeconds} s`;
  const noun = decision.what === "sign-in" ? "sign-in attempts" : "requests";
  return `Too many ${noun} ${from}: at most ${decision.max} per ${per}. Try again in ${decision.retryAfterSeconds} s.`;
}
