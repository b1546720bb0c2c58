"use client";

import Link from "next/link";
import { useI18n } from "@/lib/i18n/client";
import { channelLabel, deviceLabel } from "@/lib/i18n/customer-attribute-label";
import { formatDate, formatPercent } from "@/lib/format";
import { Skeleton } from "@/components/ui/skeleton";
import { SortableHeader, type SortDirection } from "@/components/ui/sortable-header";
import { formatMoney } from "./format";
import { RfmBadge } from "./rfm-badge";
import type { CustomerRow, CustomerSort } from "./types";

interface CustomersTableProps {
  rows: CustomerRow[] | undefined;
  loading: boolean;
  sort: CustomerSort;
  direction: SortDirection;
  onSort(column: CustomerSort): void;
  showRisk: boolean;
}

export function CustomersTable({ rows, loading, sort, direction, onSort, showRisk }: CustomersTableProps) {
  const { t, locale } = useI18n();
  const c = t.customers.columns;
  const header = (column: CustomerSort) => <SortableHeader column={column} label={c[column]} sort={sort} direction={direction} onSort={onSort} />;
  const columns = showRisk ? 13 : 12;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="customers-table" aria-busy={loading}>
        <thead>
          <tr>
            {header("externalId")}
            <th scope="col">{c.name}</th>
            {/* Risk next to the name: at 1,280-1,440 px the attribute columns push the last ones off-screen. */}
            {showRisk && header("risk")}
            {header("channel")}
            {header("region")}
            {header("cityTier")}
            {header("ageBand")}
            {header("device")}
            {header("consent")}
            {header("signupAt")}
            {header("recencyDays")}
            {header("frequency")}
            {header("monetaryCents")}
            {header("rfm")}
          </tr>
        </thead>
        <tbody>
          {loading &&
            Array.from({ length: 6 }, (_, index) => (
              <tr key={`skeleton-${index}`}>
                <td colSpan={columns + 1}>
                  <Skeleton height={18} />
                </td>
              </tr>
            ))}
          {rows?.length === 0 && (
            <tr>
              <td className="empty" colSpan={columns + 1}>
                {t.customers.empty}
              </td>
            </tr>
          )}
          {rows?.map((row) => (
            <tr key={row.id} data-testid="customer-row" data-external-id={row.externalId}>
              <td>
                <Link href={`/customers/${row.id}`} className="mono" data-i18n-skip>
                  {row.externalId}
                </Link>
              </td>
              <td data-i18n-skip>{row.displayName ?? "—"}</td>
              {showRisk && <td data-testid="customer-risk">{row.risk === null ? "—" : formatPercent(locale, row.risk)}</td>}
              <td>{channelLabel(t, row.channel)}</td>
              <td>{row.region ?? "—"}</td>
              <td>{row.cityTier ?? "—"}</td>
              <td>{row.ageBand ?? "—"}</td>
              <td>{deviceLabel(t, row.device)}</td>
              <td>{row.consent ? t.customers.filters.yes : t.customers.filters.no}</td>
              <td className="cell-muted">{row.signupAt ? formatDate(locale, row.signupAt) : "—"}</td>
              <td>{row.recencyDays === null ? "—" : t.customers.days(Math.round(row.recencyDays))}</td>
              <td>{row.frequency ?? "—"}</td>
              <td>{row.monetaryCents === null ? "—" : formatMoney(locale, row.monetaryCents)}</td>
              <td>
                <RfmBadge r={row.rScore} f={row.fScore} m={row.mScore} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
