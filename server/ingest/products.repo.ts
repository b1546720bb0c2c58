import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";
import type { ProductRow } from "./types";

/** Upserts products by external id; unchanged rows are not touched (re-sending changes nothing). */
export async function upsertProducts(db: Db, rows: readonly ProductRow[]): Promise<{ inserted: number; updated: number }> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  const payload = JSON.stringify(
    rows.map((row) => ({
      product_id: row.productId,
      kind: row.kind,
      title_zh: row.titleZh,
      title_en: row.titleEn,
      category: row.category,
      price_cents: row.priceCents,
      is_free: row.isFree,
      attributes: row.attributes,
    })),
  );
  const result = await selectRows<{ inserted: number; updated: number }>(
    db,
    sql`WITH up AS (
          INSERT INTO products AS p (external_id, kind, title_zh, title_en, category, price_cents, is_free, attributes)
          SELECT t.product_id, t.kind::product_kind, t.title_zh, t.title_en, t.category, t.price_cents, t.is_free,
                 COALESCE(t.attributes, '{}'::jsonb)
          FROM jsonb_to_recordset(${payload}::jsonb) AS t(
                 product_id text, kind text, title_zh text, title_en text, category text,
                 price_cents integer, is_free boolean, attributes jsonb)
          ON CONFLICT (external_id) DO UPDATE SET
            kind = excluded.kind, title_zh = excluded.title_zh, title_en = excluded.title_en,
            category = excluded.category, price_cents = excluded.price_cents, is_free = excluded.is_free,
            attributes = p.attributes || excluded.attributes
          WHERE (p.kind, p.title_zh, p.title_en, p.category, p.price_cents, p.is_free, p.attributes)
                IS DISTINCT FROM
                (excluded.kind, excluded.title_zh, excluded.title_en, excluded.category, excluded.price_cents,
                 excluded.is_free, p.attributes || excluded.attributes)
          RETURNING (xmax = 0) AS fresh
        )
        SELECT (count(*) FILTER (WHERE fresh))::int AS inserted, (count(*) FILTER (WHERE NOT fresh))::int AS updated FROM up`,
  );
  return { inserted: Number(result[0]?.inserted ?? 0), updated: Number(result[0]?.updated ?? 0) };
}
