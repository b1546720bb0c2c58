import { getDatabase } from "@/server/db";
import { ingestProducts } from "@/server/ingest";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Ingests a JSON array or NDJSON of products; see server/ingest/http/handler.ts. */
export async function POST(request: Request): Promise<Response> {
  return ingestProducts(await getDatabase(), request);
}
