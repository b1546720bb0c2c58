import { ingestRoutes } from "@/server/api";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Ingests a JSON array or NDJSON of customers; see server/ingest/http/handler.ts. */
export const POST = ingestRoutes.customers;
