import { getServerSession, type Session } from "next-auth";
import type { Database } from "../db";
import { staffForSession } from "./session-cache";
import { authOptions } from "./options";
import { twoFactorRequiredFor } from "./two-factor.service";
import type { Role } from "../../lib/shared/permissions";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** An admin chose the password: until it is changed, only the account screen is open (server/api/trpc.ts). */
  mustChangePassword?: boolean;
  /** STRATUM_REQUIRE_2FA=1 and an admin without two-factor sign-in: only the account screen is open until enrolled. */
  mustEnrolTwoFactor?: boolean;
}

/**
 * The signed-in staff member as the database knows them now: a disabled account or a changed
 * role takes effect on the next request, not when the 8-hour token expires. A token whose session
 * version is not the account's current one (signed out, password or role changed, disabled since)
 * is refused, however valid its signature.
 */
export async function currentStaff(
  database: Pick<Database, "db" | "engine">,
  readSession: () => Promise<Session | null> = () => getServerSession(authOptions()),
  requireTwoFactorForAdmins?: boolean,
): Promise<SessionUser | null> {
  const session = await readSession();
  const id = session?.user?.id;
  const version = session?.user?.sessionVersion;
  if (!id || typeof version !== "number") return null;
  const row = await staffForSession(database, id);
  if (!row || row.disabled || row.sessionVersion !== version) return null;
  const mustEnrolTwoFactor = row.totpEnabledAt === null && twoFactorRequiredFor(row.role, requireTwoFactorForAdmins);
  return { id: row.id, email: row.email, name: row.name, role: row.role, mustChangePassword: row.mustChangePassword, mustEnrolTwoFactor };
}
