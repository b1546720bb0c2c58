/*
 * Results of the same jobs compared across two databases. PostgreSQL may sum floating-point
 * columns in a different order from one plan to the next (parallel aggregation under load), so
 * two correct runs can differ in the last bits: numbers are equal within a relative 1e-7, and
 * everything else exactly.
 */
const RELATIVE_TOLERANCE = 1e-7;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function numbersClose(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The first path at which two JSON values differ, or null when they match. */
export function firstDifference(a: Json, b: Json, at = ""): string | null {
  if (typeof a === "number" && typeof b === "number") return numbersClose(a, b) ? null : `${at || "value"}: ${a} vs ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${at || "list"}: ${a.length} vs ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const found = firstDifference(a[i]!, b[i]!, `${at}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (!(key in a) || !(key in b)) return `${at}.${key}: present on one side only`;
      const found = firstDifference(a[key]!, b[key]!, `${at}.${key}`);
      if (found) return found;
    }
    return null;
  }
  return a === b ? null : `${at || "value"}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** A row's identity for sorting: everything but its fractional numbers (those may differ in the last bits). */
function sortKey(row: Json): string {
  return JSON.stringify(row, (_key, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? null : value));
}

/** Rows of one table as a sorted list, so two databases' rows line up whatever order they came in. */
export function sortedRows(rows: readonly Json[]): Json[] {
  return rows.map((row) => [sortKey(row), row] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

export type { Json };
