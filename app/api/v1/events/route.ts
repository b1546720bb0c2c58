import { getDatabase } from "@/server/db";
import { ingestEvents } from "@/server/ingest";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Ingests a JSON array or NDJSON of events; see server/ingest/http/handler.ts. */
export async function POST(request: Request): Promise<Response> {
  return ingestEvents(await getDatabase(), request);
}
