import type { Role } from "@/server/auth";

// Mirrors STAFF_ROLES without pulling the drizzle schema into client bundles; the check below
// fails to compile if a role is added on the server and not here.
export const ROLE_OPTIONS = ["marketer", "manager", "admin"] as const satisfies readonly Role[];
type MissingRole = Exclude<Role, (typeof ROLE_OPTIONS)[number]>;
export const ROLE_OPTIONS_COMPLETE: [MissingRole] extends [never] ? true : never = true;

export function isRoleOption(value: string): value is Role {
  return (ROLE_OPTIONS as readonly string[]).includes(value);
}
