"use client";

import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/format";
import { TableStateRows } from "@/components/ui/table-state-rows";
import type { AuditRow } from "./types";

const COLUMN_COUNT = 5;

function describeDetail(detail: Record<string, unknown>): string {
  const entries = Object.entries(detail);
  return entries.length === 0 ? "" : entries.map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`).join(", ");
}

export function AuditTable({ rows, loading }: { rows: AuditRow[] | undefined; loading: boolean }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="audit-table" aria-busy={loading}>
        <thead>
          <tr>
            <th scope="col">{t.audit.columns.time}</th>
            <th scope="col">{t.audit.columns.actor}</th>
            <th scope="col">{t.audit.columns.action}</th>
            <th scope="col">{t.audit.columns.target}</th>
            <th scope="col">{t.audit.columns.detail}</th>
          </tr>
        </thead>
        <tbody>
          <TableStateRows loading={loading} empty={rows?.length === 0} columnCount={COLUMN_COUNT} emptyText={t.audit.empty} skeletonRows={6} />
          {rows?.map((row) => (
            <tr key={row.id} data-testid="audit-row">
              <td className="cell-muted" style={{ whiteSpace: "nowrap" }}>
                {formatDateTime(locale, row.createdAt)}
              </td>
              <td>
                {row.actorName ?? row.actorEmail ?? <span className="cell-muted">{t.audit.system}</span>}
                {row.actorName && row.actorEmail && <div className="cell-muted" style={{ fontSize: 12 }}>{row.actorEmail}</div>}
              </td>
              <td>
                <code>{row.action}</code>
              </td>
              <td>{row.target ?? ""}</td>
              <td className="cell-detail">{describeDetail(row.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
