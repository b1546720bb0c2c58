import { getDatabase } from "@/server/db";
import { ingestCustomers } from "@/server/ingest";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Ingests a JSON array or NDJSON of customers; see server/ingest/http/handler.ts. */
export async function POST(request: Request): Promise<Response> {
  return ingestCustomers(await getDatabase(), request);
}
