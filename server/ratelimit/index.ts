export { bearerToken, clientIp, ingestLimits, normaliseIp, signInLimits, windowOf } from "./limits";
export type { Limit, LimitScope, RateLimitConfig } from "./limits";
export { consumeRateLimits, limitIngest, limitSignIn, refusalMessage } from "./ratelimit.service";
export type { RateLimitDecision } from "./ratelimit.service";
