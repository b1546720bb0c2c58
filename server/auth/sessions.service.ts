import type { Db } from "../db";
import { bumpSessionVersion } from "./credentials.repo";
import { forgetSessionStaff } from "./session-cache";

/**
 * Ends the sessions a staff member holds: every token issued before carries the old version and
 * is refused on its next request (server/auth/session.ts). `onlyFrom` is the version of the token
 * that asked (a sign-out), so a token that is already void ends nothing.
 */
export async function endStaffSessions(db: Db, id: string, onlyFrom?: number): Promise<boolean> {
  const ended = await bumpSessionVersion(db, id, onlyFrom);
  forgetSessionStaff(id);
  return ended;
}
