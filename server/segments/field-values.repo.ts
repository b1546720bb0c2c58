import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";
import type { SuggestibleField } from "../../lib/shared/segment-fields";
import { SEGMENT_FROM } from "./compile.sql";
import { ATTRIBUTE_FIELDS, FEATURE_FIELDS } from "./fields.sql";

export const FIELD_VALUES_LIMIT = 50;

export interface KnownValue {
  value: string;
  /** Customers holding it (products, for a category). */
  count: number;
}

/** Starts with `prefix`, case-insensitively; an empty prefix matches everything. */
const startsWith = (expr: SQL, prefix: string) => (prefix === "" ? sql`TRUE` : sql`starts_with(lower(${expr}), lower(${prefix}))`);

/**
 * The values a text field holds now, most frequent first (ties by value, byte order so both
 * engines agree), at most 50, filtered by a prefix: customers' attributes and features (erased
 * customers left out), or product categories by how many products each holds.
 */
export async function knownFieldValues(db: Db, field: SuggestibleField, prefix: string, limit = FIELD_VALUES_LIMIT): Promise<KnownValue[]> {
  let query: SQL;
  if (field === "category") {
    const expr = sql`p.category`;
    query = sql`SELECT ${expr} AS value, count(*)::int AS n FROM products p
      WHERE ${expr} <> '' AND ${startsWith(expr, prefix)}
      GROUP BY 1 ORDER BY count(*) DESC, ${expr} COLLATE "C" LIMIT ${limit}`;
  } else {
    const expr = field === "subscription_status" ? FEATURE_FIELDS[field].expr : ATTRIBUTE_FIELDS[field].expr;
    query = sql`SELECT ${expr} AS value, count(*)::int AS n FROM ${SEGMENT_FROM}
      WHERE ${notErased("c")} AND ${expr} IS NOT NULL AND ${expr} <> '' AND ${startsWith(expr, prefix)}
      GROUP BY 1 ORDER BY count(*) DESC, ${expr} COLLATE "C" LIMIT ${limit}`;
  }
  const rows = await selectRows<{ value: string; n: number | string }>(db, query);
  return rows.map((r) => ({ value: String(r.value), count: Number(r.n) }));
}
