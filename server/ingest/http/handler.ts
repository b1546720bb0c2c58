import type { Database, Db } from "../../db";
import { describeErrorForLog, isDatabaseUnavailable } from "../../errors";
import type { IngestError, IngestKind, WriteResult } from "../types";
import { enqueueAfterEvents } from "../followups";
import { validateItems } from "../validate";
import { writeCustomers, writeEvents, writeProducts } from "../write";
import { requireApiKey } from "./auth";
import { readLimitedText } from "./body";
import { formatOf, parseItems } from "./parse";
import { errorResponse, jsonResponse, unavailableResponse } from "./responses";

/** Thrown inside the transaction so a writer's errors roll back everything the request wrote. */
class RejectedBatch extends Error {
  constructor(readonly errors: IngestError[]) {
    super("batch rejected");
  }
}

/** Validates once and returns the errors plus the write to run inside the transaction. */
function prepareBatch(kind: IngestKind, source: string, items: unknown[]): { errors: IngestError[]; write: (tx: Db) => Promise<WriteResult> } {
  if (kind === "events") {
    const { rows, errors } = validateItems("events", items);
    return { errors, write: (tx) => writeEvents(tx, source, rows) };
  }
  if (kind === "customers") {
    const { rows, errors } = validateItems("customers", items);
    return { errors, write: (tx) => writeCustomers(tx, rows) };
  }
  const { rows, errors } = validateItems("products", items);
  return { errors, write: (tx) => writeProducts(tx, rows) };
}

function unprocessable(errors: IngestError[], lines: number[] | undefined): Response {
  const withLines = lines ? errors.map((error) => ({ ...error, line: lines[error.index] })) : errors;
  const items = new Set(errors.map((error) => error.index)).size;
  return jsonResponse(422, {
    error: `${items.toLocaleString("en")} item(s) are invalid; nothing was written`,
    errors: withLines,
  });
}

/**
 * The whole ingest request, without Next.js: authenticate, read at most 5 MB, parse JSON or
 * NDJSON, validate every item, then write everything in ONE transaction or nothing at all. Items
 * of erased customers are not written and come back under `erased` (index, line, customer_id).
 */
export async function handleIngest(database: Database, request: Request, kind: IngestKind): Promise<Response> {
  let lines: number[] | undefined;
  try {
    const auth = await requireApiKey(database.db, request);
    if (auth instanceof Response) return auth;
    const format = formatOf(request.headers.get("content-type"));
    if (!format) {
      return errorResponse(415, "Content-Type must be application/json (a JSON array of items) or application/x-ndjson (one JSON item per line)");
    }
    const body = await readLimitedText(request);
    if (!body.ok) return errorResponse(body.status, body.error);
    const parsed = parseItems(format, body.text);
    if (!parsed.ok) return errorResponse(parsed.status, parsed.error);
    lines = parsed.lines;

    const batch = prepareBatch(kind, auth.source, parsed.items);
    if (batch.errors.length) return unprocessable(batch.errors, lines);

    const result = await database.db.transaction(async (tx) => {
      const written = await batch.write(tx);
      if (written.errors.length) throw new RejectedBatch(written.errors);
      // New events make the KPI rollups and features stale (re-sent duplicates change nothing).
      if (kind === "events" && written.inserted > 0) await enqueueAfterEvents(tx);
      return written;
    });
    const counts = { inserted: result.inserted, duplicates: result.duplicates, updated: result.updated };
    if (!result.erased?.length) return jsonResponse(200, counts);
    // Items of erased customers were skipped: each is reported, so the sender can drop the id.
    const erased = result.erased.map(({ index, customerId }) => ({
      index,
      ...(lines ? { line: lines[index] } : {}),
      customer_id: customerId,
      status: "erased" as const,
    }));
    return jsonResponse(200, { ...counts, erased });
  } catch (error) {
    if (error instanceof RejectedBatch) return unprocessable(error.errors, lines);
    // Kinds and codes only: the failed SQL, its parameters and even a constraint's detail
    // ("Key (email)=(...)") can hold the batch's personal data.
    console.error(`POST /api/v1/${kind} failed: ${describeErrorForLog(error)}`);
    if (isDatabaseUnavailable(error)) return unavailableResponse();
    return errorResponse(500, "The upload could not be stored; nothing was written. Try again later.");
  }
}

export const ingestEvents = (database: Database, request: Request) => handleIngest(database, request, "events");
export const ingestCustomers = (database: Database, request: Request) => handleIngest(database, request, "customers");
export const ingestProducts = (database: Database, request: Request) => handleIngest(database, request, "products");
