"use client";

import { useCallback, useId, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { auditActionLabel } from "@/lib/i18n/audit-label";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { SearchField } from "@/components/ui/search-field";
import { AuditTable } from "./audit-table";

const PAGE_SIZE = 25;

export function AuditScreen() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const actionId = useId();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState("");
  const [search, setSearch] = useState("");

  const actions = useQuery(trpc.audit.actions.queryOptions());
  const list = useQuery({
    ...trpc.audit.list.queryOptions({ page, pageSize: PAGE_SIZE, action: action || undefined, search: search || undefined }),
    placeholderData: keepPreviousData,
  });

  const onSearch = useCallback((value: string) => {
    setSearch(value);
    setPage(1);
  }, []);

  return (
    <>
      <div className="toolbar">
        <div className="field">
          <label htmlFor={actionId}>{t.audit.filterAction}</label>
          <select
            id={actionId}
            className="select"
            value={action}
            onChange={(event) => {
              setAction(event.target.value);
              setPage(1);
            }}
          >
            <option value="">{t.audit.allActions}</option>
            {actions.data?.map((name) => (
              <option key={name} value={name}>
                {auditActionLabel(t, name)}
              </option>
            ))}
          </select>
        </div>
        <SearchField label={t.common.search} placeholder={t.audit.searchPlaceholder} onSearch={onSearch} />
      </div>
      {list.isError && <QueryError message={list.error.message} onRetry={() => void list.refetch()} />}
      <AuditTable rows={list.data?.rows} loading={list.isPending} />
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPageChange={setPage} />}
    </>
  );
}
