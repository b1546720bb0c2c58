"use client";

import { useCallback, useEffect, useMemo, useRef } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export type OverviewTab = "kpis" | "cohorts" | "funnel" | "churn";
const TABS: readonly OverviewTab[] = ["kpis", "cohorts", "funnel", "churn"];

export interface OverviewFilters {
  from: string;
  to: string;
  segmentId: string | null;
  channel: string | null;
  compare: "previous" | "year";
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Filters, tab and cohort grain live in the URL (?from=&to=&segment=&channel=&compare=&tab=), so a
 * view can be shared by copying the address. Missing dates default to the last 30 rolled-up days.
 */
export function useOverviewFilters(lastDay: string | null) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const fallbackTo = lastDay ?? new Date().toISOString().slice(0, 10);

  const filters = useMemo((): OverviewFilters => {
    const to = params.get("to") ?? "";
    const from = params.get("from") ?? "";
    const validTo = DAY.test(to) ? to : fallbackTo;
    return {
      to: validTo,
      from: DAY.test(from) && from <= validTo ? from : shiftDay(validTo, -29),
      segmentId: params.get("segment") || null,
      channel: params.get("channel") || null,
      compare: params.get("compare") === "year" ? "year" : "previous",
    };
  }, [params, fallbackTo]);
  const rawTab = params.get("tab");
  const tab: OverviewTab = TABS.includes(rawTab as OverviewTab) ? (rawTab as OverviewTab) : "kpis";
  const grain: "week" | "month" = params.get("grain") === "week" ? "week" : "month";

  // Changes made before the URL catches up (three filters chosen in quick succession) build on
  // each other: each replace starts from the last one asked for, not from the rendered params.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [params]);

  const update = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(pending.current ?? params.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      pending.current = next.toString();
      router.replace(`${pathname}?${pending.current}`, { scroll: false });
    },
    [params, pathname, router],
  );

  return { filters, tab, grain, update };
}
