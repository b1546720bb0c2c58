import { MAX_BODY_BYTES } from "./limits";

export type BodyResult = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

const tooLarge = (bytes: string): BodyResult => ({
  ok: false,
  status: 413,
  error: `Request body is ${bytes}; the limit is ${MAX_BODY_BYTES.toLocaleString("en")} bytes (5 MB). Split the upload into smaller requests.`,
});

/**
 * Reads the body as UTF-8 text, refusing it as soon as it passes the limit: Content-Length is
 * checked first, then the bytes are counted as they arrive, so a client that lies about (or
 * omits) Content-Length still cannot make the server buffer more than the limit.
 */
export async function readLimitedText(request: Request, maxBytes = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    return tooLarge(`${Number(declared).toLocaleString("en")} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge("over the limit");
      }
      chunks.push(value);
    }
  }
  const bytes = Buffer.concat(chunks, total);
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, error: `Request body is not valid UTF-8 (at byte ${firstInvalidUtf8Byte(bytes)})` };
  }
}

/** Offset of the first byte that breaks UTF-8, so the sender can find the bad character. */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    const second = bytes[i + 1] ?? 0;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) {
      return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
