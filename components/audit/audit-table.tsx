"use client";

import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/format";
import { auditActionLabel, auditActorLabel, auditDetailEntries, auditTargetLabel } from "@/lib/i18n/audit-label";
import { TableStateRows } from "@/components/ui/table-state-rows";
import type { AuditRow } from "./types";

const COLUMN_COUNT = 5;

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
          {rows?.map((row) => {
            const actor = auditActorLabel(t, row.actorName ?? row.actorEmail);
            const target = auditTargetLabel(t, locale, row.action, row.target);
            const detail = auditDetailEntries(t, locale, row.action, row.detail);
            return (
              <tr key={row.id} data-testid="audit-row">
                <td className="cell-muted" style={{ whiteSpace: "nowrap" }}>
                  {formatDateTime(locale, row.createdAt)}
                </td>
                <td>
                  <span className={actor.data ? undefined : "cell-muted"} data-i18n-skip={actor.data || undefined}>
                    {actor.text}
                  </span>
                  {row.actorName && row.actorEmail && <div className="cell-muted" style={{ fontSize: 12 }} data-i18n-skip>{row.actorEmail}</div>}
                </td>
                <td data-testid="audit-action" data-action={row.action}>
                  {auditActionLabel(t, row.action)}
                </td>
                <td data-i18n-skip={target.data || undefined}>{target.text}</td>
                <td className="cell-detail">
                  {detail.map((entry, index) => (
                    <span key={entry.key}>
                      {index > 0 && (locale === "zh" ? "；" : ", ")}
                      {entry.label}
                      {locale === "zh" ? "：" : ": "}
                      <span data-i18n-skip={entry.data || undefined}>{entry.value}</span>
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
