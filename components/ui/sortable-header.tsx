"use client";

import { useI18n } from "@/lib/i18n/client";

export type SortDirection = "asc" | "desc";

interface SortableHeaderProps<Key extends string> {
  column: Key;
  label: string;
  sort: Key;
  direction: SortDirection;
  onSort(column: Key): void;
}

/** A column header that sorts on click and tells assistive tech the current order. */
export function SortableHeader<Key extends string>({ column, label, sort, direction, onSort }: SortableHeaderProps<Key>) {
  const { t } = useI18n();
  const active = column === sort;
  const ariaSort = active ? (direction === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-indicator" aria-hidden="true">
          {active ? (direction === "asc" ? "▲" : "▼") : "↕"}
        </span>
        {active && <span className="visually-hidden">{direction === "asc" ? t.common.sortAscending : t.common.sortDescending}</span>}
      </button>
    </th>
  );
}
