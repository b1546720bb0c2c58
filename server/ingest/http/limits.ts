/** Largest accepted request body, in bytes (checked against Content-Length and while reading). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Most items accepted in one request; larger uploads go through CSV import or several requests. */
export const MAX_ITEMS = 10_000;
