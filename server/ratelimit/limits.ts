import { createHash } from "node:crypto";

/*
 * Pure rules of the rate limits: which buckets a request counts against, its window, and who the
 * client is. Counting happens in ratelimit.repo.ts.
 */

export type LimitScope = "ip" | "account" | "key";

export interface Limit {
  /** What is limited ("sign-in", "ingest"), for the refusal message. */
  what: string;
  scope: LimitScope;
  /** `<what>:<scope>:<hash>`: never an address, e-mail or key in clear. */
  bucket: string;
  max: number;
  windowSeconds: number;
}

export interface LimitWindow {
  start: Date;
  end: Date;
}

export interface RateLimitConfig {
  STRATUM_SIGNIN_LIMIT_PER_IP: number;
  STRATUM_SIGNIN_LIMIT_PER_ACCOUNT: number;
  STRATUM_SIGNIN_WINDOW_SECONDS: number;
  STRATUM_INGEST_LIMIT_PER_KEY: number;
  STRATUM_INGEST_LIMIT_PER_IP: number;
  STRATUM_INGEST_WINDOW_SECONDS: number;
  STRATUM_TRUSTED_PROXIES: number;
}

/** The fixed window `now` falls in: windows start at multiples of their length since the epoch. */
export function windowOf(windowSeconds: number, now: Date): LimitWindow {
  const length = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / length) * length;
  return { start: new Date(start), end: new Date(start + length) };
}

/** Whole seconds until the window ends, at least 1 (the value of Retry-After). */
export function retryAfterSeconds(window: LimitWindow, now: Date): number {
  return Math.max(1, Math.ceil((window.end.getTime() - now.getTime()) / 1000));
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest("hex").slice(0, 40);

/** Expands an IPv6 address to its eight groups, or null when it is not one. */
function ipv6Groups(address: string): string[] | null {
  if (!address.includes(":")) return null;
  const [head = "", tail, extra] = address.split("::");
  if (extra !== undefined) return null;
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 1) return null;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  return groups.every((g) => /^[0-9a-f]{1,4}$/.test(g)) ? groups.map((g) => g.replace(/^0+(?=.)/, "")) : null;
}

/**
 * The address a limit counts against. IPv4 as is; IPv6 by its /64, the block one subscriber
 * holds, so rotating through a prefix's addresses does not buy new attempts.
 */
export function normaliseIp(raw: string): string {
  let address = raw.trim().toLowerCase();
  if (address.startsWith("[")) address = address.slice(1, address.indexOf("]") > 0 ? address.indexOf("]") : undefined);
  if (address.startsWith("::ffff:") && address.includes(".")) address = address.slice(7);
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(address);
  if (v4?.[1]) return v4[1];
  const groups = ipv6Groups(address.split("%")[0] ?? address);
  if (groups) return `${groups.slice(0, 4).join(":")}::/64`;
  return address || "unknown";
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(source: HeaderSource, name: string): string | undefined {
  if (source instanceof Headers) return source.get(name) ?? undefined;
  const value = source[name] ?? source[name.toLowerCase()];
  return Array.isArray(value) ? value.join(",") : value;
}

/**
 * The client's address from X-Forwarded-For. Next.js fills that header with the socket's address
 * when a request arrives without one; each reverse proxy in front appends the address it saw, so
 * with N trusted proxies the client is the N-th entry from the right (N = 0 or 1: the last one).
 * Directly exposed (N = 0) a client may send its own header and pick its address, which is why
 * the account limit and the lockout never depend on it; deploy behind a proxy (SECURITY.md).
 */
export function clientIp(headers: HeaderSource, trustedProxies: number): string {
  const forwarded = (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const picked = forwarded.length ? forwarded[Math.max(0, forwarded.length - Math.max(1, trustedProxies))] : header(headers, "x-real-ip");
  return normaliseIp(picked ?? "unknown");
}

/** Sign-in attempts count against the client's address and the e-mail typed (known or not). */
export function signInLimits(config: RateLimitConfig, who: { ip: string; email: string }): Limit[] {
  const windowSeconds = config.STRATUM_SIGNIN_WINDOW_SECONDS;
  return [
    { what: "sign-in", scope: "ip", bucket: `signin:ip:${digest(who.ip)}`, max: config.STRATUM_SIGNIN_LIMIT_PER_IP, windowSeconds },
    {
      what: "sign-in",
      scope: "account",
      bucket: `signin:account:${digest(who.email.trim().toLowerCase())}`,
      max: config.STRATUM_SIGNIN_LIMIT_PER_ACCOUNT,
      windowSeconds,
    },
  ];
}

/** Ingestion requests count against the client's address and the API key presented (valid or not). */
export function ingestLimits(config: RateLimitConfig, who: { ip: string; apiKey: string | null }): Limit[] {
  const windowSeconds = config.STRATUM_INGEST_WINDOW_SECONDS;
  const limits: Limit[] = [{ what: "ingest", scope: "ip", bucket: `ingest:ip:${digest(who.ip)}`, max: config.STRATUM_INGEST_LIMIT_PER_IP, windowSeconds }];
  if (who.apiKey) {
    limits.push({ what: "ingest", scope: "key", bucket: `ingest:key:${digest(who.apiKey)}`, max: config.STRATUM_INGEST_LIMIT_PER_KEY, windowSeconds });
  }
  return limits;
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(headers: HeaderSource): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header(headers, "authorization") ?? "");
  return match?.[1] ?? null;
}
