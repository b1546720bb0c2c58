import type { Role } from "@/server/auth";

export function RoleBadge({ role, label }: { role: Role; label: string }) {
  return (
    <span className={`badge badge-role-${role}`} data-testid="role-badge">
      {label}
    </span>
  );
}
