import { STAFF_ROLES } from "./vocabulary";

export type Role = (typeof STAFF_ROLES)[number];
export const ROLES = STAFF_ROLES;

const ALL: readonly Role[] = ["marketer", "manager", "admin"];

/**
 * The one permission matrix. Every tRPC procedure names one of these keys; the server
 * checks it, and the navigation only mirrors it.
 */
export const PERMISSIONS = {
  "workspace.read": ALL,
  // One's own account: changing one's own password. The only permission open while an
  // admin-set password still has to be changed.
  "account.self": ALL,
  "customers.read": ALL,
  // Unmasked name, email and phone: everyone else sees them masked, on the server.
  "customers.pii": ["admin"],
  "customers.erase": ["admin"],
  "segments.read": ALL,
  "segments.write": ["marketer", "admin"],
  // One action from the KPI overview: turning the churn early-warning list into a win-back segment.
  "segments.winback": ["manager", "admin"],
  "audience.export": ["marketer", "admin"],
  // Clear name, e-mail and phone in audience exports (segments and campaigns). Held by no role: an
  // export leaves the audit trail's reach, so a deployment that needs contact data in files grants
  // it here on purpose (a reviewed change); everyone else exports ids and non-personal columns.
  "audience.export_pii": [],
  "campaigns.read": ALL,
  "campaigns.write": ["marketer", "admin"],
  "campaigns.approve": ["manager", "admin"],
  "kpi.read": ALL,
  "models.read": ALL,
  "models.manage": ["admin"],
  "data.import": ["admin"],
  "staff.read": ["admin"],
  "staff.manage": ["admin"],
  "audit.read": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
