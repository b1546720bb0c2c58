"use client";

import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { readError } from "@/lib/trpc/errors";
import { useI18n } from "@/lib/i18n/client";
import { isRoleOption, ROLE_OPTIONS } from "@/lib/roles";
import { useToast } from "@/components/ui/toast";
import { useStaffInvalidation } from "./use-staff-invalidation";
import type { StaffRow } from "./types";

export function RoleSelect({ row }: { row: StaffRow }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const toast = useToast();
  const invalidate = useStaffInvalidation();
  const setRole = useMutation(
    trpc.staff.setRole.mutationOptions({
      onSuccess: (_data, input) => toast.success(t.staff.toasts.roleChanged(row.name, t.roles[input.role])),
      // The select is controlled by the row, so a refused change snaps back when the list refetches.
      onError: (error) => toast.error(readError(error, t.common.loadFailed).message),
      onSettled: invalidate,
    }),
  );

  return (
    <select
      className="select select-sm"
      aria-label={t.staff.actions.changeRole(row.name)}
      value={setRole.isPending && setRole.variables ? setRole.variables.role : row.role}
      disabled={setRole.isPending}
      onChange={(event) => {
        const role = event.target.value;
        if (isRoleOption(role) && role !== row.role) setRole.mutate({ id: row.id, role });
      }}
    >
      {ROLE_OPTIONS.map((role) => (
        <option key={role} value={role}>
          {t.roles[role]}
        </option>
      ))}
    </select>
  );
}
