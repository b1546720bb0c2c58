"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import type { SortDirection } from "@/components/ui/sortable-header";
import type { CustomerFilters, CustomerSort } from "./types";

const SORTS: readonly CustomerSort[] = ["externalId", "signupAt", "channel", "region", "cityTier", "ageBand", "device", "consent", "recencyDays", "frequency", "monetaryCents", "rfm", "risk"];
const TEXT_FILTERS = ["search", "channel", "region", "ageBand", "device", "segmentId", "risk"] as const;
const SCORE_FILTERS = ["rScore", "fScore", "mScore"] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function intIn(text: string | null, min: number, max: number): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= min && n <= max ? n : undefined;
}

/** Reads the list's state from the address; values that do not fit are ignored, not errors. */
export function parseCustomerListParams(params: URLSearchParams): { filters: CustomerFilters; sort: CustomerSort; direction: SortDirection; page: number } {
  const filters: CustomerFilters = {};
  for (const key of TEXT_FILTERS) {
    const value = params.get(key)?.trim();
    if (!value || value.length > 100) continue;
    if (key === "segmentId" && !UUID.test(value)) continue;
    if (key === "risk" && !["low", "medium", "high"].includes(value)) continue;
    (filters as Record<string, string>)[key] = value;
  }
  for (const key of SCORE_FILTERS) {
    const score = intIn(params.get(key), 1, 5);
    if (score !== undefined) filters[key] = score;
  }
  const tier = intIn(params.get("cityTier"), 0, 9);
  if (tier !== undefined) filters.cityTier = tier;
  const consent = params.get("consent");
  if (consent === "true" || consent === "false") filters.consent = consent === "true";
  const sortParam = params.get("sort") as CustomerSort | null;
  return {
    filters,
    sort: sortParam && SORTS.includes(sortParam) ? sortParam : "externalId",
    direction: params.get("dir") === "desc" ? "desc" : "asc",
    page: intIn(params.get("page"), 1, 100_000) ?? 1,
  };
}

/**
 * The customer list's filters, search, sort and page live in the URL (?search=&channel=&sort=&dir=&page=...),
 * so a reload or a shared link shows the same list. Sorting again by the current column flips it;
 * any change of filter or order goes back to page 1.
 */
export function useCustomerListUrl() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => parseCustomerListParams(new URLSearchParams(params.toString())), [params]);
  // Changes made before the URL catches up build on the last one asked for.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);

  const replace = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(pending.current ?? params.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString();
      if (query === (pending.current ?? params.toString())) return;
      pending.current = query;
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  const setFilters = useCallback(
    (filters: CustomerFilters) => {
      const patch: Record<string, string | null> = { page: null };
      for (const key of [...TEXT_FILTERS, ...SCORE_FILTERS, "cityTier", "consent"] as const) {
        const value = filters[key];
        patch[key] = value === undefined ? null : String(value);
      }
      replace(patch);
    },
    [replace],
  );
  const setSearch = useCallback((search: string) => replace({ search: search || null, page: null }), [replace]);
  const setPage = useCallback((page: number) => replace({ page: page > 1 ? String(page) : null }), [replace]);
  const onSort = useCallback(
    (column: CustomerSort) => {
      const direction: SortDirection = column === state.sort ? (state.direction === "asc" ? "desc" : "asc") : "asc";
      replace({ sort: column === "externalId" ? null : column, dir: direction === "asc" ? null : direction, page: null });
    },
    [replace, state.sort, state.direction],
  );
  return { ...state, setFilters, setSearch, setPage, onSort };
}
