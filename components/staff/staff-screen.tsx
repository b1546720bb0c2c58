"use client";

import { useCallback, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { SearchField } from "@/components/ui/search-field";
import { useSortedPages } from "@/components/ui/use-sorted-pages";
import { CreateStaffForm } from "./create-staff-form";
import { StaffTable } from "./staff-table";
import type { StaffSort } from "./types";

const PAGE_SIZE = 20;

export function StaffScreen({ currentUserId, canManage }: { currentUserId: string; canManage: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { page, setPage, toFirstPage, sort, direction, onSort } = useSortedPages<StaffSort>("createdAt", "asc");
  const [search, setSearch] = useState("");

  const list = useQuery({
    ...trpc.staff.list.queryOptions({ page, pageSize: PAGE_SIZE, search: search || undefined, sort, direction }),
    // Keeps the table on screen while the next page or order loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });

  const onSearch = useCallback((value: string) => {
    setSearch(value);
    toFirstPage();
  }, [toFirstPage]);


  return (
    <>
      {canManage && <CreateStaffForm />}
      <div className="toolbar">
        <SearchField label={t.common.search} placeholder={t.staff.searchPlaceholder} onSearch={onSearch} />
      </div>
      {list.isError && <QueryError message={list.error.message} onRetry={() => void list.refetch()} />}
      <StaffTable
        rows={list.data?.rows}
        loading={list.isPending}
        sort={sort}
        direction={direction}
        onSort={onSort}
        currentUserId={currentUserId}
        canManage={canManage}
      />
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPageChange={setPage} />}
    </>
  );
}
