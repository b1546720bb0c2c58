import "server-only";
import { getDatabase } from "../../db";
import { can, currentStaff, type SessionUser } from "../../auth";
import { AppError } from "../../errors";

/** The signed-in staff member allowed to import, or the HTTP response that refuses the request. */
export async function requireImporter(): Promise<{ user: SessionUser } | { response: Response }> {
  const user = await currentStaff(await getDatabase());
  if (!user) return { response: Response.json({ error: "Sign in first" }, { status: 401 }) };
  if (!can(user.role, "data.import")) {
    return { response: Response.json({ error: `Your role (${user.role}) lacks the data.import permission` }, { status: 403 }) };
  }
  return { user };
}

const STATUS: Record<AppError["code"], number> = { BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, PRECONDITION_FAILED: 412 };

export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return Response.json({ error: error.message, field: error.field ?? null }, { status: STATUS[error.code] });
  console.error("import upload failed:", error);
  return Response.json({ error: "The upload failed; try again" }, { status: 500 });
}
