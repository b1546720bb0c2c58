"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatDateTime, formatPercent } from "@/lib/format";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { formatMoney } from "./format";
import type { TimelinePage } from "./types";

const PAGE_SIZE = 20;

type EventRow = TimelinePage["rows"][number];

function useDetail() {
  const { t, locale } = useI18n();
  return (row: EventRow): string => {
    const parts: string[] = [];
    if (row.amountCents !== null) parts.push(formatMoney(locale, row.amountCents));
    if (row.durationSeconds !== null) parts.push(row.durationSeconds < 60 ? `${row.durationSeconds} s` : t.customers.profile.minutes(Math.round(row.durationSeconds / 60)));
    if (row.progress !== null) parts.push(formatPercent(locale, row.progress));
    if (row.rating !== null) parts.push(t.customers.profile.rating(row.rating));
    return parts.join(" · ");
  };
}

export function Timeline({ customerId }: { customerId: number }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const detail = useDetail();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...trpc.customers.timeline.queryOptions({ id: customerId, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const p = t.customers.profile;
  return (
    <section className="card" data-testid="profile-timeline">
      <h2 className="card-title">{p.timeline}</h2>
      {query.isError && <QueryError message={query.error.message} onRetry={() => void query.refetch()} />}
      {query.isPending && <Skeleton height={120} />}
      {query.data && query.data.total === 0 && <p className="cell-muted">{p.noEvents}</p>}
      {query.data && query.data.total > 0 && (
        <>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{p.timelineColumns.time}</th>
                  <th scope="col">{p.timelineColumns.type}</th>
                  <th scope="col">{p.timelineColumns.product}</th>
                  <th scope="col">{p.timelineColumns.detail}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.rows.map((row) => (
                  <tr key={row.id} data-testid="timeline-row">
                    <td className="cell-muted">{formatDateTime(locale, row.occurredAt)}</td>
                    <td>{t.eventTypes[row.type as keyof typeof t.eventTypes] ?? row.type}</td>
                    <td data-i18n-skip>{(locale === "zh" ? row.titleZh : row.titleEn) ?? "—"}</td>
                    <td className="cell-detail">
                      {detail(row)}
                      {row.reviewText && <span data-i18n-skip>{detail(row) ? " · " : ""}“{row.reviewText}”</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={query.data.page} pageSize={query.data.pageSize} total={query.data.total} onPageChange={setPage} />
        </>
      )}
    </section>
  );
}
