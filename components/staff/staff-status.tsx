"use client";

import { useI18n } from "@/lib/i18n/client";
import { isLocked, type StaffRow } from "./types";

export function StaffStatus({ row }: { row: StaffRow }) {
  const { t } = useI18n();
  if (row.disabled) return <span className="badge badge-danger">{t.staff.status.disabled}</span>;
  if (isLocked(row)) return <span className="badge badge-warning">{t.staff.status.locked}</span>;
  return <span className="badge badge-success">{t.staff.status.active}</span>;
}
