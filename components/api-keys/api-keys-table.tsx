"use client";

import { useI18n } from "@/lib/i18n/client";
import { formatDateTime } from "@/lib/format";
import { TableStateRows } from "@/components/ui/table-state-rows";
import { SortableHeader, type SortDirection } from "@/components/ui/sortable-header";
import { RevokeApiKeyButton } from "./revoke-api-key-button";
import type { ApiKeyRow, ApiKeySort } from "./types";

interface ApiKeysTableProps {
  rows: ApiKeyRow[] | undefined;
  loading: boolean;
  sort: ApiKeySort;
  direction: SortDirection;
  onSort(column: ApiKeySort): void;
}

const COLUMN_COUNT = 7;

export function ApiKeysTable({ rows, loading, sort, direction, onSort }: ApiKeysTableProps) {
  const { t, locale } = useI18n();
  const header = (column: ApiKeySort) => (
    <SortableHeader column={column} label={t.apiKeys.columns[column]} sort={sort} direction={direction} onSort={onSort} />
  );
  return (
    <div className="table-wrap">
      <table className="table" data-testid="api-keys-table" aria-busy={loading}>
        <thead>
          <tr>
            {header("name")}
            {header("source")}
            <th scope="col">{t.apiKeys.columns.keyPrefix}</th>
            {header("createdAt")}
            {header("lastUsedAt")}
            <th scope="col">{t.apiKeys.columns.status}</th>
            <th scope="col">{t.apiKeys.columns.actions}</th>
          </tr>
        </thead>
        <tbody>
          <TableStateRows loading={loading} empty={rows?.length === 0} columnCount={COLUMN_COUNT} emptyText={t.apiKeys.empty} skeletonRows={3} />
          {rows?.map((row) => (
            <tr key={row.id} data-testid="api-key-row" data-name={row.name} data-revoked={row.revokedAt !== null}>
              <td>
                <span data-i18n-skip>{row.name}</span>
                {row.createdByEmail && <div className="cell-muted">{row.createdByEmail}</div>}
              </td>
              <td className="mono" data-i18n-skip>{row.source}</td>
              <td className="mono" data-i18n-skip>{row.keyPrefix}…</td>
              <td className="cell-muted">{formatDateTime(locale, row.createdAt)}</td>
              <td className="cell-muted">{row.lastUsedAt ? formatDateTime(locale, row.lastUsedAt) : t.common.never}</td>
              <td>
                {row.revokedAt ? (
                  <span className="badge badge-danger">{t.apiKeys.status.revoked(formatDateTime(locale, row.revokedAt))}</span>
                ) : (
                  <span className="badge badge-success">{t.apiKeys.status.active}</span>
                )}
              </td>
              <td>{!row.revokedAt && <RevokeApiKeyButton row={row} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
