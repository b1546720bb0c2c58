import type { Env } from "../env";

/**
 * Whether the session (and CSRF) cookies carry the Secure flag, so a browser only ever sends them
 * over TLS: always when the public URL is https, and in any production deployment that is not a
 * demo (a plain-http one is refused at start, see server/env.ts). STRATUM_INSECURE_COOKIES=1 is
 * the explicit opt-out for a plain-http trial (it cannot weaken an https URL).
 */
export function secureCookies(config: Pick<Env, "NODE_ENV" | "NEXTAUTH_URL" | "STRATUM_INSECURE_COOKIES" | "demoMode">): boolean {
  if (config.NEXTAUTH_URL?.startsWith("https://")) return true;
  if (config.STRATUM_INSECURE_COOKIES) return false;
  return config.NODE_ENV === "production" && !config.demoMode;
}
