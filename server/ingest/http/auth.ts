import type { Db } from "../../db";
import { authenticateApiKey } from "../apiKeys.service";
import { errorResponse } from "./responses";

const CHALLENGE = { "www-authenticate": 'Bearer realm="stratum-ingest"' };

/** The key's source, or the 401 to send back. */
export async function requireApiKey(db: Db, request: Request): Promise<{ source: string } | Response> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return errorResponse(401, "Missing API key: send the header Authorization: Bearer <api key>", CHALLENGE);
  const check = await authenticateApiKey(db, match[1]);
  if (check.ok) return { source: check.source };
  const message = check.reason === "revoked" ? "This API key has been revoked" : "Invalid API key";
  return errorResponse(401, message, CHALLENGE);
}
