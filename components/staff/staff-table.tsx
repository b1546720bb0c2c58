"use client";

import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/format";
import { RoleBadge } from "@/components/ui/role-badge";
import { TableStateRows } from "@/components/ui/table-state-rows";
import { SortableHeader, type SortDirection } from "@/components/ui/sortable-header";
import { RoleSelect } from "./role-select";
import { StaffRowActions } from "./staff-row-actions";
import { StaffStatus } from "./staff-status";
import type { StaffRow, StaffSort } from "./types";

interface StaffTableProps {
  rows: StaffRow[] | undefined;
  loading: boolean;
  sort: StaffSort;
  direction: SortDirection;
  onSort(column: StaffSort): void;
  currentUserId: string;
  canManage: boolean;
}

const COLUMN_COUNT = 7;

export function StaffTable({ rows, loading, sort, direction, onSort, currentUserId, canManage }: StaffTableProps) {
  const { t, locale } = useI18n();
  const header = (column: StaffSort) => (
    <SortableHeader column={column} label={t.staff.columns[column]} sort={sort} direction={direction} onSort={onSort} />
  );
  return (
    <div className="table-wrap">
      <table className="table" data-testid="staff-table" aria-busy={loading}>
        <thead>
          <tr>
            {header("name")}
            {header("email")}
            {header("role")}
            <th scope="col">{t.staff.columns.status}</th>
            {header("lastLoginAt")}
            {header("createdAt")}
            <th scope="col">{t.staff.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          <TableStateRows loading={loading} empty={rows?.length === 0} columnCount={COLUMN_COUNT} emptyText={t.staff.empty} skeletonRows={4} />
          {rows?.map((row) => (
            <tr key={row.id} data-testid="staff-row" data-email={row.email}>
              <td>
                <span data-i18n-skip>{row.name}</span>
                {row.id === currentUserId && <span className="cell-muted"> ({t.staff.you})</span>}
              </td>
              <td>{row.email}</td>
              <td>{canManage ? <RoleSelect row={row} /> : <RoleBadge role={row.role} label={t.roles[row.role]} />}</td>
              <td>
                <StaffStatus row={row} />
              </td>
              <td className="cell-muted">{row.lastLoginAt ? formatDateTime(locale, row.lastLoginAt) : t.common.never}</td>
              <td className="cell-muted">{formatDateTime(locale, row.createdAt)}</td>
              <td>{canManage && <StaffRowActions row={row} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
