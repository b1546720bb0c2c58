import "server-only";
import { can, currentStaff, type SessionUser } from "../auth";
import { getDatabase } from "../db";
import { AppError } from "../errors";
import { ingestCustomers, ingestEvents, ingestProducts } from "../ingest";

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
  if (!can(user.role, "data.import")) {
    return { response: Response.json({ error: `Your role (${user.role}) lacks the data.import permission` }, { status: 403 }) };
  }
  return { user };
}

const STATUS: Record<AppError["code"], number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, PRECONDITION_FAILED: 412 };

/** An AppError as JSON with its status and field; anything else as a logged 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json({ error: error.message, field: error.field ?? null }, { status: STATUS[error.code] });
  console.error("import upload failed:", error);
  return Response.json({ error: "The upload failed; try again" }, { status: 500 });
}

/** The ingestion API's three endpoints (API-key authenticated inside the ingest service). */
export const ingestRoutes = {
  customers: async (request: Request) => ingestCustomers(await getDatabase(), request),
  events: async (request: Request) => ingestEvents(await getDatabase(), request),
  products: async (request: Request) => ingestProducts(await getDatabase(), request),
};
