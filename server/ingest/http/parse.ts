import { lineAndColumn, locateJsonError } from "./jsonError";
import { MAX_ITEMS } from "./limits";

export type BodyFormat = "json" | "ndjson";

export type ParsedItems =
  | { ok: true; items: unknown[]; /** NDJSON only: the 1-based line of each item. */ lines?: number[] }
  | { ok: false; status: 400 | 413; error: string };

const tooMany = (count: number): ParsedItems => ({
  ok: false,
  status: 413,
  error: `Request has ${count.toLocaleString("en")} items; the limit is ${MAX_ITEMS.toLocaleString("en")} per request. Split the upload.`,
});

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return "the end of the body";
  return JSON.stringify(text.charAt(offset));
}

/** A JSON array of items. */
export function parseJsonArray(text: string): ParsedItems {
  if (text.trim() === "") return { ok: false, status: 400, error: "Request body is empty: send a JSON array of items" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const { offset, expected } = locateJsonError(text);
    if (offset < 0) return { ok: false, status: 400, error: "Request body is not valid JSON" };
    const { line, column } = lineAndColumn(text, offset);
    return {
      ok: false,
      status: 400,
      error: `Request body is not valid JSON: line ${line}, column ${column}: expected ${expected}, found ${describeChar(text, offset)}`,
    };
  }
  if (!Array.isArray(parsed)) {
    return { ok: false, status: 400, error: "Request body must be a JSON array of items (send one item as [item])" };
  }
  if (parsed.length > MAX_ITEMS) return tooMany(parsed.length);
  return { ok: true, items: parsed };
}

/** Newline-delimited JSON: one item per line; blank lines are ignored. */
export function parseNdjson(text: string): ParsedItems {
  const rawLines = text.split("\n");
  const lines: number[] = [];
  rawLines.forEach((line, position) => {
    if (line.trim() !== "") lines.push(position + 1);
  });
  // Counted before parsing so an oversized upload is refused without doing the work.
  if (lines.length > MAX_ITEMS) return tooMany(lines.length);
  const items: unknown[] = [];
  for (const lineNumber of lines) {
    const line = rawLines[lineNumber - 1] ?? "";
    try {
      items.push(JSON.parse(line));
    } catch {
      const { offset, expected } = locateJsonError(line);
      const where = offset < 0 ? "" : `: column ${offset + 1}: expected ${expected}, found ${describeChar(line, offset)}`;
      return { ok: false, status: 400, error: `Line ${lineNumber} is not valid JSON${where}` };
    }
  }
  return { ok: true, items, lines };
}

export function parseItems(format: BodyFormat, text: string): ParsedItems {
  return format === "json" ? parseJsonArray(text) : parseNdjson(text);
}

/** The body format named by Content-Type, or null when it is neither JSON nor NDJSON. */
export function formatOf(contentType: string | null): BodyFormat | null {
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "application/json") return "json";
  if (["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines"].includes(mediaType)) {
    return "ndjson";
  }
  return null;
}
