import "server-only";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { can, currentStaff, type SessionUser } from "../auth";
import { getDatabase } from "../db";
import { env } from "../env";
import { AppError, isDatabaseUnavailable } from "../errors";
import { ingestCustomers, ingestEvents, ingestProducts, unavailableResponse } from "../ingest";
import { bearerToken, clientIp, limitIngest, refusalMessage, type RateLimitDecision } from "../ratelimit";
import { createContext } from "./context";
import { appRouter } from "./root";
import { describeErrorForLog, errorIdOf, logInternalError } from "./trpc";

/*
 * What route handlers under app/api/ share: they parse the request, check the caller here, and call
 * one service function. Kept out of the domain modules so scripts and tests can import those
 * without Next.js's server-only guard.
 */

/** The signed-in staff member allowed to import, or the HTTP response that refuses the request. */
export async function requireImporter(): Promise<{ user: SessionUser } | { response: Response }> {
  const user = await currentStaff(await getDatabase());
  if (!user) return { response: Response.json({ error: "Sign in first" }, { status: 401 }) };
  if (user.mustChangePassword) return { response: Response.json({ error: "Change the password an administrator set for you first (Account)" }, { status: 403 }) };
  if (user.mustEnrolTwoFactor) return { response: Response.json({ error: "Turn on two-factor sign-in first (Account): it is required for admins here" }, { status: 403 }) };
  if (!can(user.role, "data.import")) {
    return { response: Response.json({ error: `Your role (${user.role}) lacks the data.import permission` }, { status: 403 }) };
  }
  return { user };
}

const STATUS: Record<AppError["code"], number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, PRECONDITION_FAILED: 412 };

/** An AppError as JSON with its status and field; anything else as a logged 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json({ error: error.message, field: error.field ?? null }, { status: STATUS[error.code] });
  const errorId = errorIdOf(typeof error === "object" && error !== null ? error : new Error(String(error)));
  console.error(`import upload failed [error id ${errorId}] ${describeErrorForLog(error)}`);
  return Response.json({ error: `The upload failed; try again. If it fails again, quote error id ${errorId} to an administrator.`, errorId }, { status: 500 });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Sign-in and tRPC bodies are a few kB; 1 MB still holds a manual segment of 100,000 customer ids. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export const bodyTooLargeMessage = (maxBytes = MAX_REQUEST_BODY_BYTES) =>
  `Request body is larger than ${maxBytes === MAX_REQUEST_BODY_BYTES ? "1 MB" : `${maxBytes.toLocaleString("en")} bytes`}, the limit for this endpoint`;

/**
 * The request with its body read into memory, at most `maxBytes` of it, or "too_large". The
 * declared Content-Length is checked before a byte is read, and the stream is counted as it
 * arrives and cancelled at the limit, so a client that lies about or omits the length cannot make
 * the server buffer more.
 */
export async function withCappedBody(req: Request, maxBytes = MAX_REQUEST_BODY_BYTES): Promise<Request | "too_large"> {
  if (SAFE_METHODS.has(req.method.toUpperCase()) || !req.body) return req;
  const declared = req.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    await req.body.cancel().catch(() => undefined);
    return "too_large";
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return "too_large";
    }
    chunks.push(value);
  }
  const headers = new Headers(req.headers);
  headers.set("content-length", String(total));
  return new Request(req.url, { method: req.method, headers, body: Buffer.concat(chunks, total), signal: req.signal });
}

/** Host names (with port) this app answers as: the Host the request came to, its proxy's and NEXTAUTH_URL's. */
function ownHosts(req: Request): Set<string> {
  const hosts = new Set<string>();
  const add = (value: string | null | undefined) => {
    const host = value?.split(",")[0]?.trim().toLowerCase();
    if (host) hosts.add(host);
  };
  add(req.headers.get("host"));
  add(req.headers.get("x-forwarded-host"));
  const configured = env().NEXTAUTH_URL;
  if (configured) add(new URL(configured).host);
  if (hosts.size === 0) add(new URL(req.url).host);
  return hosts;
}

/**
 * Why a state-changing tRPC request is refused before anything reads it, or null. A browser
 * sends Origin (and Sec-Fetch-Site) with every cross-site POST, and a page elsewhere can POST a
 * form (multipart, urlencoded, text/plain) without asking first; only JSON needs a CORS
 * preflight, which this app never grants. So: a foreign origin is refused (403) and so is any
 * body that is not JSON (415). Requests without Origin come from scripts, not browsers, and
 * carry no ambient cookie from a victim.
 */
export function refuseForeignMutation(req: Request): TRPCError | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const site = req.headers.get("sec-fetch-site")?.toLowerCase();
  const origin = req.headers.get("origin");
  if (origin !== null) {
    let host: string | null = null;
    try {
      host = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      host = null;
    }
    if (host === null || !ownHosts(req).has(host)) {
      return new TRPCError({ code: "FORBIDDEN", message: `Requests from origin ${origin} are refused: changes are accepted only from this app's own pages` });
    }
  } else if (site === "cross-site" || site === "same-site") {
    return new TRPCError({ code: "FORBIDDEN", message: "Cross-site requests are refused: changes are accepted only from this app's own pages" });
  }
  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return new TRPCError({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: `Content-Type must be application/json for tRPC mutations (got ${type ? type : "none"})`,
    });
  }
  return null;
}

/** Lets tRPC answer a refusal in its own error format, without reading the refused body. */
function refusal(req: Request, error: TRPCError, stream: boolean): Promise<Response> {
  const headers = new Headers({ "content-type": "application/json" });
  const accept = req.headers.get("trpc-accept");
  // The app's client reads a streamed batch; anything else gets the plain error with its status.
  if (stream && accept) headers.set("trpc-accept", accept);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(req.url, { method: req.method, headers }),
    router: appRouter,
    createContext: () => {
      throw error;
    },
  });
}

/** /api/trpc: the app router over fetch; unexpected errors are logged by id and code only. */
export async function trpcRoute(incoming: Request): Promise<Response> {
  const refused = refuseForeignMutation(incoming);
  if (refused) return refusal(incoming, refused, false);
  const req = await withCappedBody(incoming);
  if (req === "too_large") return refusal(incoming, new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: bodyTooLargeMessage() }), true);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext,
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logInternalError(`tRPC ${path ?? "?"}`, error);
    },
  });
}

/** 429 with Retry-After and a message naming the limit. */
export function tooManyRequests(decision: Extract<RateLimitDecision, { ok: false }>): Response {
  return Response.json(
    { error: refusalMessage(decision), retryAfterSeconds: decision.retryAfterSeconds },
    { status: 429, headers: { "retry-after": String(decision.retryAfterSeconds) } },
  );
}

type Ingest = typeof ingestEvents;

/**
 * Counts the request against its API key and address before anything is read or checked. The
 * count is the request's first database write, so an outage shows here first: 503, never a 500.
 */
function rateLimited(ingest: Ingest) {
  return async (request: Request): Promise<Response> => {
    const database = await getDatabase();
    const who = { ip: clientIp(request.headers, env().STRATUM_TRUSTED_PROXIES), apiKey: bearerToken(request.headers) };
    let rate: RateLimitDecision;
    try {
      rate = await limitIngest(database.db, who);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      console.error(`POST ${new URL(request.url).pathname} refused (database unavailable): ${describeErrorForLog(error)}`);
      return unavailableResponse();
    }
    if (!rate.ok) return tooManyRequests(rate);
    return ingest(database, request);
  };
}

/** The ingestion API's three endpoints (API-key authenticated inside the ingest service). */
export const ingestRoutes = {
  customers: rateLimited(ingestCustomers),
  events: rateLimited(ingestEvents),
  products: rateLimited(ingestProducts),
};

/**
 * next-auth answers every failed sign-in 401 with the thrown code in the redirect URL. The
 * rate-limit refusal (`rate_limited:<seconds>`, thrown by authorize before the password check)
 * becomes 429 with Retry-After; the client still gets the `{ url }` it expects, with the plain
 * code `rate_limited`.
 */
export async function signInRateLimitAnswer(response: Response): Promise<Response | null> {
  if (response.status !== 401 && response.status !== 302) return null;
  let target = response.headers.get("location");
  if (!target && (response.headers.get("content-type") ?? "").includes("application/json")) {
    const body = (await response.clone().json().catch(() => null)) as { url?: unknown } | null;
    target = typeof body?.url === "string" ? body.url : null;
  }
  if (!target) return null;
  const url = new URL(target, "http://localhost");
  const match = /^rate_limited:(\d+)$/.exec(url.searchParams.get("error") ?? "");
  if (!match?.[1]) return null;
  url.searchParams.set("error", "rate_limited");
  const headers = new Headers(response.headers);
  headers.delete("location");
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  headers.set("retry-after", match[1]);
  const seconds = Number(match[1]);
  const body = { url: /^https?:/.test(target) ? url.toString() : `${url.pathname}${url.search}`, error: `Too many sign-in attempts; try again in ${seconds} s.` };
  return new Response(JSON.stringify(body), { status: 429, headers });
}
