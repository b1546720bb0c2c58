"use client";

import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { formatDate } from "@/lib/format";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { OptionFilter } from "@/components/ui/option-filter";
import { SortableHeader } from "@/components/ui/sortable-header";
import { useSortedPages } from "@/components/ui/use-sorted-pages";
import { TableStateRows } from "@/components/ui/table-state-rows";
import { StatusBadge } from "./status-badge";
import { count } from "./format";
import type { CampaignSort, CampaignStatus } from "./types";
import { SegmentName } from "@/components/segments/segment-name";

const PAGE_SIZE = 20;
const STATUSES: CampaignStatus[] = ["draft", "pending_approval", "running", "stopped", "completed"];

export function CampaignsScreen({ canWrite }: { canWrite: boolean }) {
  const { t, locale } = useI18n();
  const c = t.campaigns;
  const trpc = useTRPC();
  const { page, setPage, toFirstPage, sort, direction, onSort } = useSortedPages<CampaignSort>("created", "desc");
  const [status, setStatus] = useState<CampaignStatus | undefined>();
  const list = useQuery({
    ...trpc.campaigns.list.queryOptions({ page, pageSize: PAGE_SIZE, sort, direction, status }),
    placeholderData: keepPreviousData,
  });
  const header = (column: CampaignSort, label: string) => <SortableHeader column={column} label={label} sort={sort} direction={direction} onSort={onSort} />;
  const rows = list.data?.rows;
  return (
    <>
      <div className="toolbar campaigns-toolbar">
        <OptionFilter
          id="campaign-status-filter"
          label={c.statusFilter}
          allLabel={c.allStatuses}
          className="campaigns-status-filter"
          value={status}
          options={STATUSES.map((s) => ({ value: s, label: c.status[s] }))}
          onChange={(next) => {
            setStatus(next);
            toFirstPage();
          }}
        />
        {canWrite && (
          <Link href="/campaigns/new" className="btn btn-primary" data-testid="new-campaign">
            {c.newCampaign}
          </Link>
        )}
      </div>
      {list.isError && <QueryError message={list.error.message} onRetry={() => void list.refetch()} />}
      <div className="table-wrap">
        <table className="table" data-testid="campaigns-table" aria-busy={list.isPending}>
          <thead>
            <tr>
              {header("name", c.columns.name)}
              {header("status", c.columns.status)}
              <th scope="col">{c.columns.goal}</th>
              <th scope="col">{c.columns.channel}</th>
              <th scope="col">{c.columns.segment}</th>
              <th scope="col">{c.columns.assigned}</th>
              {header("startsAt", c.columns.startsAt)}
              {header("created", c.columns.created)}
            </tr>
          </thead>
          <tbody>
            <TableStateRows loading={list.isPending} empty={rows?.length === 0} columnCount={8} emptyText={status ? c.emptyFiltered : c.empty} />
            {rows?.map((row) => (
              <tr key={row.id} data-testid="campaign-row">
                <td>
                  <Link href={`/campaigns/${row.id}`} data-i18n-skip>
                    {row.name}
                  </Link>
                  {row.origin === "imported" && <span className="badge campaigns-tag">{c.imported}</span>}
                </td>
                <td>
                  <StatusBadge status={row.status} />
                </td>
                <td>{c.goal[row.goal]}</td>
                <td>{c.channel[row.channel]}</td>
                <td>{row.segmentName === null ? "—" : <SegmentName name={row.segmentName} />}</td>
                <td>{count(locale, row.assigned)}</td>
                <td className="cell-muted">{row.startsAt ? formatDate(locale, row.startsAt) : "—"}</td>
                <td className="cell-muted">{formatDate(locale, row.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPageChange={setPage} />}
    </>
  );
}
