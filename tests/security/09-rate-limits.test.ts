import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client";
import { engineUnderTest, openTestDatabase } from "../support/db";

// Small limits for this file (env() is read once per process, on first use).
// perAccount stays below the lockout (5 failures), so the limit, not the lock, is what answers.
const LIMITS = { perIp: 10, perAccount: 3, keyPerWindow: 8, ingestPerIp: 12 };
Object.assign(process.env, {
  NEXTAUTH_SECRET: "finding-09-test-secret-that-is-long-enough",
  STRATUM_SIGNIN_LIMIT_PER_IP: String(LIMITS.perIp),
  STRATUM_SIGNIN_LIMIT_PER_ACCOUNT: String(LIMITS.perAccount),
  STRATUM_SIGNIN_WINDOW_SECONDS: "900",
  STRATUM_INGEST_LIMIT_PER_KEY: String(LIMITS.keyPerWindow),
  STRATUM_INGEST_LIMIT_PER_IP: String(LIMITS.ingestPerIp),
  STRATUM_INGEST_WINDOW_SECONDS: "60",
});

const { authOptions } = await import("../../server/auth/options");
const http = await import("../../server/api/http");
const { createStaff } = await import("../../server/staff/staff.service");

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

/** The authorize() next-auth calls for the credentials form, exactly as configured. */
function authorize(): Authorize {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize;
}

async function attempt(email: string, password: string, ip: string): Promise<string> {
  try {
    await authorize()({ email, password }, { headers: { "x-forwarded-for": ip } });
    return "ok";
  } catch (error) {
    return (error as Error).message.replace(/:\d+$/, "");
  }
}

function ingest(ip: string, key: string | null): Request {
  const headers: Record<string, string> = { "content-type": "application/json", "x-forwarded-for": ip };
  if (key) headers.authorization = `Bearer ${key}`;
  return new Request("http://localhost/api/v1/events", { method: "POST", headers, body: "[]" });
}

const tally = (values: (string | number)[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});

describe(`finding 9: sign-in and ingestion are rate limited in the database, answering 429 with Retry-After (${engineUnderTest})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    // The app's database handle (server/db getDatabase) is this file's test database.
    (globalThis as Record<symbol, unknown>)[Symbol.for("stratum.database")] = Promise.resolve(database);
    await createStaff(database.db, null, { email: "ann09@example.com", name: "Ann", role: "marketer", password: "ann's right password 09" });
  });
  beforeEach(async () => {
    // Conditional, so that on a database without the table the test fails on its assertions.
    await database.query(`DO $$ BEGIN IF to_regclass('rate_limit_counters') IS NOT NULL THEN DELETE FROM rate_limit_counters; END IF; END $$`);
  });
  afterAll(async () => {
    await database.close();
  });

  it(`50 parallel sign-ins from one address: ${LIMITS.perIp} are checked, the rest refused before the password check`, async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(`nobody${i}@example.com`, "wrong password", "203.0.113.7")));
    expect(tally(results)).toEqual({ invalid: LIMITS.perIp, rate_limited: 50 - LIMITS.perIp });
    // Another address is not affected.
    expect(await attempt("nobody@example.com", "wrong password", "198.51.100.9")).toBe("invalid");
    // The refusal is audited once per window, not once per request.
    const audited = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.rate_limited'`);
    expect(audited[0]?.n).toBe(1);
  });

  it(`30 parallel sign-ins to one account from 30 addresses: ${LIMITS.perAccount} are checked, even the right password is refused after`, async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt("Ann09@Example.com", "wrong password", `192.0.2.${i + 1}`)));
    expect(tally(results)).toEqual({ invalid: LIMITS.perAccount, rate_limited: 30 - LIMITS.perAccount });
    expect(await attempt("ann09@example.com", "ann's right password 09", "192.0.2.200")).toBe("rate_limited");
    // An address typed for no account is limited the same way (no hint which e-mails exist).
    const ghost = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt("ghost09@example.com", "guess", `192.0.2.${i + 100}`)));
    expect(tally(ghost)).toEqual({ invalid: LIMITS.perAccount, rate_limited: 30 - LIMITS.perAccount });
    // Counters hold hashes only: no address or e-mail in clear.
    const buckets = await database.query<{ bucket: string }>("SELECT bucket FROM rate_limit_counters");
    expect(buckets.length).toBeGreaterThan(0);
    expect(buckets.map((b) => b.bucket).join(" ")).not.toMatch(/ann09|192\.0\.2|@/i);
  });

  it("the sign-in route answers a rate-limited attempt with 429, Retry-After and the client's { url }", async () => {
    // What next-auth returns when authorize throws "rate_limited:<seconds>".
    const fromNextAuth = new Response(JSON.stringify({ url: "http://localhost:3000/api/auth/error?error=rate_limited%3A421" }), {
      status: 401,
      headers: { "content-type": "application/json", "set-cookie": "next-auth.csrf-token=x; Path=/; HttpOnly" },
    });
    const answer = await http.signInRateLimitAnswer(fromNextAuth);
    expect(answer?.status).toBe(429);
    expect(answer?.headers.get("retry-after")).toBe("421");
    expect(answer?.headers.get("set-cookie")).toContain("next-auth.csrf-token");
    const body = (await answer?.json()) as { url: string };
    expect(new URL(body.url).searchParams.get("error")).toBe("rate_limited");
    // Other failures pass through untouched.
    const invalid = new Response(JSON.stringify({ url: "http://localhost:3000/api/auth/error?error=invalid" }), { status: 401, headers: { "content-type": "application/json" } });
    expect(await http.signInRateLimitAnswer(invalid)).toBeNull();
  });

  it(`/api/v1: 30 parallel requests with one API key: ${LIMITS.keyPerWindow} reach the key check, the rest get 429 with Retry-After`, async () => {
    const key = "stk_0123456789_" + "A".repeat(43);
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => http.ingestRoutes.events(ingest(`198.51.100.${i + 1}`, key))));
    expect(tally(responses.map((r) => r.status))).toEqual({ 401: LIMITS.keyPerWindow, 429: 30 - LIMITS.keyPerWindow });
    const refused = responses.find((r) => r.status === 429);
    const retryAfter = Number(refused?.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await refused?.json()) as { error: string }).error).toMatch(/with this API key: at most 8 per 1 minute/);
  });

  it(`/api/v1: 30 parallel requests from one address with made-up keys: ${LIMITS.ingestPerIp} get through`, async () => {
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => http.ingestRoutes.customers(ingest("203.0.113.50", `stk_${String(i).padStart(10, "0")}_${"B".repeat(43)}`))),
    );
    expect(tally(responses.map((r) => r.status))).toEqual({ 401: LIMITS.ingestPerIp, 429: 30 - LIMITS.ingestPerIp });
  });
});

describe("finding 9: who the client is, and the window", async () => {
  const { clientIp, normaliseIp, windowOf } = await import("../../server/ratelimit");

  it("takes the address the nearest trusted proxy saw, never one the client put in front of it", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 203.0.113.7" }; // client-sent, then nginx's
    expect(clientIp(headers, 1)).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }), 2)).toBe("203.0.113.7");
    expect(clientIp({}, 0)).toBe("unknown");
  });

  it("counts IPv6 by /64 and IPv4-mapped addresses as IPv4", () => {
    expect(normaliseIp("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(normaliseIp("2001:db8:aa:bb::9")).toBe("2001:db8:aa:bb::/64");
    expect(normaliseIp("::ffff:192.0.2.1")).toBe("192.0.2.1");
  });

  it("fixed windows start at multiples of their length", () => {
    const w = windowOf(900, new Date("2026-01-01T10:07:30Z"));
    expect(w.start.toISOString()).toBe("2026-01-01T10:00:00.000Z");
    expect(w.end.toISOString()).toBe("2026-01-01T10:15:00.000Z");
  });
});
