import type { Db } from "../db";
import type { Role } from "../auth";
import { createStaff } from "./staff.service";
import { countActiveAdmins, findStaffByEmail } from "./staff.repo";

/** Demo accounts, one per role; listed in the README. Only created in demo mode. */
export const DEMO_STAFF: ReadonlyArray<{ email: string; name: string; role: Role; password: string }> = [
  { email: "admin@stratum.local", name: "Ada Admin", role: "admin", password: "stratum-admin-demo" },
  { email: "manager@stratum.local", name: "Mia Manager", role: "manager", password: "stratum-manager-demo" },
  { email: "marketer@stratum.local", name: "Max Marketer", role: "marketer", password: "stratum-marketer-demo" },
];

export async function ensureDemoStaff(db: Db): Promise<string[]> {
  const created: string[] = [];
  for (const account of DEMO_STAFF) {
    if (await findStaffByEmail(db, account.email)) continue;
    await createStaff(db, null, account, { mustChangePassword: false });
    created.push(account.email);
  }
  return created;
}

/**
 * Creates the first admin from STRATUM_ADMIN_EMAIL/STRATUM_ADMIN_PASSWORD when the workspace
 * has no enabled admin yet; an existing account with that email is left as it is.
 */
export async function ensureFirstAdmin(db: Db, email: string | undefined, password: string | undefined): Promise<"created" | "exists" | "skipped"> {
  if (!email || !password) return "skipped";
  if ((await countActiveAdmins(db)) > 0) return "exists";
  if (await findStaffByEmail(db, email)) return "exists";
  // The operator chose this password for themselves: no forced change.
  await createStaff(db, null, { email: email.toLowerCase(), name: "Administrator", role: "admin", password }, { mustChangePassword: false });
  return "created";
}
