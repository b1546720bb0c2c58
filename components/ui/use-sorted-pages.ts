"use client";

import { useCallback, useState } from "react";
import type { SortDirection } from "./sortable-header";

/**
 * Page, sort column and direction of a server-sorted list. Sorting again by the current column
 * flips it; a new column starts at `firstDirection`; any change of order goes back to page 1.
 */
export function useSortedPages<Key extends string>(initialSort: Key, initialDirection: SortDirection, firstDirection: SortDirection = "asc") {
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<Key>(initialSort);
  const [direction, setDirection] = useState<SortDirection>(initialDirection);
  const onSort = useCallback(
    (column: Key) => {
      const flipped: SortDirection = direction === "asc" ? "desc" : "asc";
      setDirection(column === sort ? flipped : firstDirection);
      setSort(column);
      setPage(1);
    },
    [sort, direction, firstDirection],
  );
  const toFirstPage = useCallback(() => setPage(1), []);
  return { page, setPage, toFirstPage, sort, direction, onSort };
}
