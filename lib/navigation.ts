import type { Permission, Role } from "@/server/auth";
import { can } from "@/lib/shared/permissions";
import type { Dictionary } from "./i18n";

export type NavKey = keyof Pick<Dictionary["nav"], "home" | "overview" | "customers" | "segments" | "campaigns" | "models" | "staff" | "audit" | "apiKeys" | "dataImport">;

export interface NavItem {
  key: NavKey;
  href: string;
  permission: Permission;
}

/** Every page in the app and the permission it needs; the sidebar shows what the role may open. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: "home", href: "/", permission: "workspace.read" },
  { key: "overview", href: "/overview", permission: "kpi.read" },
  { key: "customers", href: "/customers", permission: "customers.read" },
  { key: "segments", href: "/segments", permission: "segments.read" },
  { key: "campaigns", href: "/campaigns", permission: "campaigns.read" },
  { key: "models", href: "/models", permission: "models.read" },
  { key: "dataImport", href: "/data", permission: "data.import" },
  { key: "apiKeys", href: "/data/api-keys", permission: "data.import" },
  { key: "staff", href: "/staff", permission: "staff.read" },
  { key: "audit", href: "/audit", permission: "audit.read" },
];

export function navigationFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
