"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { SearchField } from "@/components/ui/search-field";
import { CustomerFilterBar } from "./customer-filters";
import { CustomersTable } from "./customers-table";
import { RefreshFeatures } from "./refresh-features";
import { useCustomerListUrl } from "./use-customer-list-url";

const PAGE_SIZE = 25;

export function CustomersScreen({ canRefresh }: { canRefresh: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { filters, page, sort, direction, setFilters, setSearch, setPage, onSort } = useCustomerListUrl();

  const options = useQuery(trpc.customers.filters.queryOptions());
  const list = useQuery({
    ...trpc.customers.list.queryOptions({ ...filters, page, pageSize: PAGE_SIZE, sort, direction }),
    placeholderData: keepPreviousData,
  });


  return (
    <>
      <RefreshFeatures canRefresh={canRefresh} />
      <div className="toolbar">
        <SearchField label={t.customers.searchLabel} placeholder={t.customers.searchPlaceholder} initialValue={filters.search ?? ""} onSearch={setSearch} />
      </div>
      <CustomerFilterBar options={options.data} filters={filters} onChange={setFilters} />
      <p className="cell-muted">{t.customers.featureNote}</p>
      {list.isError && <QueryError message={list.error.message} onRetry={() => void list.refetch()} />}
      {options.isError && <QueryError message={options.error.message} onRetry={() => void options.refetch()} />}
      <CustomersTable
        rows={list.data?.rows}
        loading={list.isPending}
        sort={sort}
        direction={direction}
        onSort={onSort}
        showRisk={list.data?.hasRiskModel ?? false}
      />
      {list.data?.more && <p className="cell-muted" data-testid="paging-cap">{t.customers.pagingCap(list.data.total)}</p>}
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPageChange={setPage} />}
    </>
  );
}
