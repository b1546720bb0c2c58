"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { readError } from "@/lib/trpc/errors";
import { formatDateTime, formatNumber } from "@/lib/format";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { SearchField } from "@/components/ui/search-field";
import { OptionFilter } from "@/components/ui/option-filter";
import { SortableHeader } from "@/components/ui/sortable-header";
import { useSortedPages } from "@/components/ui/use-sorted-pages";
import { TableStateRows } from "@/components/ui/table-state-rows";
import { useToast } from "@/components/ui/toast";
import { SEGMENT_KIND_NAMES as SEGMENT_KINDS } from "@/lib/shared/segment-fields";
import type { SegmentSort } from "./types";
import { SegmentDescription, SegmentName } from "./segment-name";

const PAGE_SIZE = 20;
type Kind = (typeof SEGMENT_KINDS)[number];

export function SegmentsScreen({ canWrite }: { canWrite: boolean }) {
  const { t, locale } = useI18n();
  const s = t.segments;
  const trpc = useTRPC();
  const toast = useToast();
  const { page, setPage, toFirstPage, sort, direction, onSort } = useSortedPages<SegmentSort>("updated", "desc", "desc");
  const [search, setSearch] = useState<string | undefined>();
  const [kind, setKind] = useState<Kind | undefined>();
  const [picked, setPicked] = useState<string[]>([]);

  const list = useQuery({
    ...trpc.segments.list.queryOptions({ page, pageSize: PAGE_SIZE, sort, direction, search, kind }),
    placeholderData: keepPreviousData,
  });
  const refreshAll = useMutation(
    trpc.segments.refreshAll.mutationOptions({
      onSuccess: () => toast.success(s.refreshQueued),
      onError: (error) => toast.error(readError(error, s.saveFailed).message),
    }),
  );

  const onSearch = useCallback((value: string) => {
    setSearch(value || undefined);
    toFirstPage();
  }, [toFirstPage]);
  const togglePick = (id: string) =>
    setPicked((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current.slice(-1), id]));
  const header = (column: SegmentSort, label: string) => (
    <SortableHeader column={column} label={label} sort={sort} direction={direction} onSort={onSort} />
  );
  const rows = list.data?.rows;
  const filtered = Boolean(search || kind);

  return (
    <>
      <div className="toolbar">
        <SearchField label={s.searchLabel} placeholder={s.searchPlaceholder} onSearch={onSearch} />
        <OptionFilter
          id="segment-kind"
          label={s.kindFilter}
          allLabel={s.allKinds}
          value={kind}
          options={SEGMENT_KINDS.map((k) => ({ value: k, label: s.kinds[k] }))}
          onChange={(next) => {
            setKind(next);
            toFirstPage();
          }}
        />
        <div className="segments-toolbar-actions">
          {picked.length === 2 ? (
            <Link className="btn btn-secondary" href={`/segments/compare?a=${picked[0]}&b=${picked[1]}`} data-testid="compare-link">
              {s.compare}
            </Link>
          ) : (
            <span className="cell-muted">{s.compareHint}</span>
          )}
          {canWrite && (
            <>
              <button type="button" className="btn btn-secondary" disabled={refreshAll.isPending} onClick={() => refreshAll.mutate()}>
                {s.refreshAll}
              </button>
              <Link className="btn btn-primary" href="/segments/new" data-testid="new-segment">
                {s.newSegment}
              </Link>
            </>
          )}
        </div>
      </div>
      {list.isError && <QueryError message={list.error.message} onRetry={() => void list.refetch()} />}
      <div className="table-wrap">
        <table className="table" data-testid="segments-table" aria-busy={list.isPending}>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{s.compare}</span>
              </th>
              {header("name", s.columns.name)}
              <th scope="col">{s.columns.kind}</th>
              {header("size", s.columns.size)}
              {header("refreshed", s.columns.refreshed)}
              {header("updated", s.columns.updated)}
            </tr>
          </thead>
          <tbody>
            <TableStateRows loading={list.isPending} empty={rows?.length === 0} columnCount={6} emptyText={filtered ? s.emptyFiltered : s.empty} />
            {rows?.map((row) => (
              <tr key={row.id} data-testid="segment-row" data-name={row.name}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${s.compare} ${row.name}`}
                    checked={picked.includes(row.id)}
                    onChange={() => togglePick(row.id)}
                  />
                </td>
                <td>
                  <Link href={`/segments/${row.id}`}>
                    <SegmentName name={row.name} />
                  </Link>
                  {row.description && (
                    <div className="cell-muted">
                      <SegmentDescription name={row.name} description={row.description} />
                    </div>
                  )}
                </td>
                <td>
                  <span className="badge">{s.kinds[row.kind]}</span>
                </td>
                <td data-testid="segment-size">{row.memberCount === null ? "—" : formatNumber(locale, row.memberCount)}</td>
                <td className="cell-muted">{row.lastRefreshedAt ? formatDateTime(locale, new Date(row.lastRefreshedAt)) : s.never}</td>
                <td className="cell-muted">{formatDateTime(locale, new Date(row.updatedAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPageChange={setPage} />}
    </>
  );
}
