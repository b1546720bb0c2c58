"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTRPC } from "@/lib/trpc/client";
import { useI18n } from "@/lib/i18n/client";
import { categoryLabel, productKindLabel } from "@/lib/i18n/catalogue-label";
import { formatNumber, formatPercent } from "@/lib/format";
import { formatMoney } from "@/components/customers/format";
import { Pagination } from "@/components/ui/pagination";
import { QueryError } from "@/components/ui/query-error";
import { TableStateRows } from "@/components/ui/table-state-rows";
import { CourseDetail } from "./course-detail";
import { OverviewFilterBar } from "./filter-bar";
import { useOverviewFilters } from "./use-overview-filters";

const PAGE_SIZE = 25;

export function CoursesScreen() {
  const { t, locale } = useI18n();
  const c = t.overview.courses;
  const trpc = useTRPC();
  const options = useQuery(trpc.kpi.options.queryOptions());
  const { filters, update } = useOverviewFilters(options.data?.lastDay ?? null);
  const table = useQuery({ ...trpc.kpi.courses.queryOptions(filters), enabled: Boolean(options.data) });
  const productParam = Number(useSearchParams().get("product"));
  const selected = Number.isInteger(productParam) && productParam > 0 ? productParam : null;
  const [page, setPage] = useState(1);
  const rows = table.data?.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const title = (row: { titleEn: string; titleZh: string }) => (locale === "zh" ? row.titleZh : row.titleEn);
  const percent = (value: number | null) => (value === null ? "—" : formatPercent(locale, value));
  return (
    <>
      <div className="toolbar">
        <a className="btn btn-ghost btn-sm" href={`/overview?from=${filters.from}&to=${filters.to}`}>
          ← {c.back}
        </a>
      </div>
      <OverviewFilterBar options={options.data} filters={filters} onChange={(patch) => {
          setPage(1);
          update(patch);
        }}
      />
      {table.isError && <QueryError message={table.error.message} onRetry={() => void table.refetch()} />}
      {selected !== null ? <CourseDetail filters={filters} productId={selected} /> : <p className="cell-muted">{c.pick}</p>}
      <section className="card">
        <div className="table-wrap">
          <table className="table" data-testid="courses-table">
            <thead>
              <tr>
                <th scope="col">{c.product}</th>
                <th scope="col">{c.buyers}</th>
                <th scope="col">{c.revenue}</th>
                <th scope="col">{c.completion}</th>
                <th scope="col">{c.refundRate}</th>
              </tr>
            </thead>
            <tbody>
              <TableStateRows loading={!table.data && !table.isError} empty={table.data?.length === 0} columnCount={5} emptyText={c.empty} />
              {rows?.map((row) => (
                <tr key={row.productId} aria-selected={row.productId === selected}>
                  <td>
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => {
                        update({ product: String(row.productId) });
                        window.scrollTo({ top: 0, behavior: "smooth" });
                      }} data-i18n-skip>
                      {title(row)}
                    </button>
                    <div className="cell-muted">
                      {productKindLabel(t, row.kind)} · {categoryLabel(locale, row.category)}
                    </div>
                  </td>
                  <td>{formatNumber(locale, row.buyers)}</td>
                  <td>{formatMoney(locale, row.grossCents)}</td>
                  <td>{percent(row.completionRate)}</td>
                  <td>{percent(row.refundRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {table.data && table.data.length > PAGE_SIZE && <Pagination page={page} pageSize={PAGE_SIZE} total={table.data.length} onPageChange={setPage} />}
      </section>
    </>
  );
}
