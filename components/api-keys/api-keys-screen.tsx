"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { useSortedPages } from "@/components/ui/use-sorted-pages";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyForm } from "./create-api-key-form";
import { NewKeyPanel } from "./new-key-panel";
import type { ApiKeySort, CreatedApiKey } from "./types";

const PAGE_SIZE = 20;

export function ApiKeysScreen() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { page, setPage, toFirstPage, sort, direction, onSort } = useSortedPages<ApiKeySort>("createdAt", "desc");
  const [includeRevoked, setIncludeRevoked] = useState(true);
  // Held only in memory: once dismissed (or the page is left) the full key is gone for good.
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const list = useQuery({
    ...trpc.apiKeys.list.queryOptions({ page, pageSize: PAGE_SIZE, sort, direction, includeRevoked }),
    placeholderData: keepPreviousData,
  });


  return (
    <>
      {created ? <NewKeyPanel created={created} onDone={() => setCreated(null)} /> : <CreateApiKeyForm onCreated={setCreated} />}
      <div className="toolbar">
        <label>
          <input
            type="checkbox"
            checked={includeRevoked}
            onChange={(event) => {
              setIncludeRevoked(event.target.checked);
              toFirstPage();
            }}
          />{" "}
          {t.apiKeys.showRevoked}
        </label>
      </div>
      {list.isError && <QueryError message={list.error.message} onRetry={() => void list.refetch()} />}
      <ApiKeysTable rows={list.data?.rows} loading={list.isPending} sort={sort} direction={direction} onSort={onSort} />
      {list.data && <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPageChange={setPage} />}
    </>
  );
}
