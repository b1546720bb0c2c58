export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

export function errorResponse(status: number, error: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { error }, headers);
}

/** How long a client should wait before resending a batch refused during a database outage. */
export const RETRY_AFTER_SECONDS = 5;

/** The answer while the database cannot be reached: the batch may be sent again unchanged. */
export function unavailableResponse(): Response {
  return errorResponse(503, "The database is unavailable; nothing was written. Retry after the time in Retry-After.", { "retry-after": String(RETRY_AFTER_SECONDS) });
}
