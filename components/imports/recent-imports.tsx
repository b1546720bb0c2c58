"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";

const PAGE_SIZE = 10;
const COLUMNS = 6;

export function RecentImports() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({ ...trpc.imports.list.queryOptions({ page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData, refetchInterval: 5_000 });
  const c = t.imports.recentColumns;
  return (
    <section className="card" aria-labelledby="recent-imports-title">
      <h2 className="card-title" id="recent-imports-title">
        {t.imports.recent}
      </h2>
      {list.isError && <QueryError message={list.error.message} onRetry={() => void list.refetch()} />}
      <div className="table-wrap">
        <table className="table" data-testid="recent-imports" aria-busy={list.isPending}>
          <thead>
            <tr>
              <th scope="col">{c.started}</th>
              <th scope="col">{c.kind}</th>
              <th scope="col">{c.file}</th>
              <th scope="col">{c.status}</th>
              <th scope="col">{c.rows}</th>
              <th scope="col">{c.by}</th>
            </tr>
          </thead>
          <tbody>
            {list.isPending && (
              <tr>
                <td colSpan={COLUMNS}>
                  <Skeleton height={18} />
                </td>
              </tr>
            )}
            {list.data?.rows.length === 0 && (
              <tr>
                <td className="empty" colSpan={COLUMNS}>
                  {t.imports.recentEmpty}
                </td>
              </tr>
            )}
            {list.data?.rows.map((row) => (
              <tr key={row.id} data-testid="recent-import-row">
                <td className="cell-muted">{formatDateTime(locale, row.createdAt)}</td>
                <td>{row.kind ? t.imports.kinds[row.kind] : "—"}</td>
                <td data-i18n-skip>{row.summary?.fileName ?? "—"}</td>
                <td>
                  {t.imports.status[row.status]}
                  {row.summary && <span className="cell-muted"> · {row.summary.outcome === "imported" ? "✓" : "✗"}</span>}
                </td>
                <td>{row.summary ? formatNumber(locale, row.summary.dataRows) : "—"}</td>
                <td className="cell-muted">{row.createdByEmail ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPageChange={setPage} />}
    </section>
  );
}
