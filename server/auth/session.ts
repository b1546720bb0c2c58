import { getServerSession } from "next-auth";
import type { Database } from "../db";
import { staffForSession } from "./session-cache";
import { authOptions } from "./options";
import type { Role } from "../../lib/shared/permissions";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in staff member as the database knows them now: a disabled account or a changed
 * role takes effect on the next request, not when the 8-hour token expires.
 */
export async function currentStaff(database: Pick<Database, "db" | "engine">): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  const row = await staffForSession(database, id);
  if (!row || row.disabled) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}
