import type { Db } from "../db";
import { customersByExternalId } from "./manual.repo";

export interface ResolvedIds {
  /** Internal ids of the matched, not-erased customers, in upload order. */
  customerIds: number[];
  matched: number;
  /** Uploaded ids with no customer (first 500 listed; `unmatchedCount` has them all). */
  unmatched: string[];
  unmatchedCount: number;
  /** Ids that name an erased customer: never added to a list. */
  erasedCount: number;
  duplicates: number;
}

const LISTED_UNMATCHED = 500;

/** Resolves uploaded external ids to customers; blanks are ignored, repeats counted once. */
export async function resolveExternalIds(db: Db, externalIds: readonly string[]): Promise<ResolvedIds> {
  const cleaned = externalIds.map((id) => id.trim()).filter((id) => id.length > 0);
  const unique = [...new Set(cleaned)];
  // One JSON parameter carries the whole list: ids may hold commas or quotes, none becomes SQL.
  const rows = unique.length ? await customersByExternalId(db, unique) : [];
  const byExternal = new Map(rows.map((row) => [row.external_id, row]));
  const customerIds: number[] = [];
  const unmatched: string[] = [];
  let erasedCount = 0;
  for (const id of unique) {
    const row = byExternal.get(id);
    if (!row) unmatched.push(id);
    else if (row.erased) erasedCount++;
    else customerIds.push(Number(row.id));
  }
  return {
    customerIds,
    matched: customerIds.length,
    unmatched: unmatched.slice(0, LISTED_UNMATCHED),
    unmatchedCount: unmatched.length,
    erasedCount,
    duplicates: cleaned.length - unique.length,
  };
}
