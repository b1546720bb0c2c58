import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { activeRunId, selectRows } from "../db";
import { ZBasketArtifact, type StoredAssociationRule } from "../models";

/** Rules of the active baskets run; an empty list when there is none or its artifact does not parse. */
export async function activeBasketRules(db: Db): Promise<{ runId: string | null; rules: StoredAssociationRule[] }> {
  const [row] = await selectRows<{ id: string; artifact: unknown }>(
    db,
    sql`SELECT id, artifact FROM model_runs WHERE id = ${activeRunId("baskets")}`,
  );
  if (!row) return { runId: null, rules: [] };
  const parsed = ZBasketArtifact.safeParse(row.artifact);
  return { runId: String(row.id), rules: parsed.success ? parsed.data.rules : [] };
}

export async function courseCatalogue(db: Db) {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT id, title_en, title_zh, category, price_cents, (kind = 'course' AND NOT is_free) AS candidate FROM products`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    titleEn: String(r.title_en),
    titleZh: String(r.title_zh),
    category: String(r.category),
    priceCents: Number(r.price_cents),
    candidate: r.candidate === true || r.candidate === "t",
  }));
}

/** Distinct buyers per product over the whole history. */
export async function productPopularity(db: Db): Promise<Map<number, number>> {
  const rows = await selectRows<{ product_id: number; buyers: number | string }>(
    db,
    sql`SELECT product_id, count(DISTINCT customer_id) AS buyers FROM events WHERE type = 'purchase' AND product_id IS NOT NULL GROUP BY product_id`,
  );
  return new Map(rows.map((r) => [Number(r.product_id), Number(r.buyers)]));
}

export async function transitions(db: Db): Promise<Map<number, Map<number, number>>> {
  const rows = await selectRows<{ from_product_id: number; to_product_id: number; learners: number }>(db, sql`SELECT from_product_id, to_product_id, learners FROM kpi_next_course`);
  const out = new Map<number, Map<number, number>>();
  for (const r of rows) {
    const next = out.get(Number(r.from_product_id)) ?? new Map<number, number>();
    next.set(Number(r.to_product_id), Number(r.learners));
    out.set(Number(r.from_product_id), next);
  }
  return out;
}

/** Products a customer enrolled in or bought, in the order they first did. */
export async function ownedInOrder(db: Db, customerIds: readonly number[]): Promise<Map<number, number[]>> {
  const rows = await selectRows<{ customer_id: number; product_id: number }>(
    db,
    sql`SELECT customer_id, product_id FROM events
        WHERE customer_id = ANY(${`{${customerIds.join(",")}}`}::bigint[]) AND type IN ('purchase', 'enrol', 'subscribe') AND product_id IS NOT NULL
        GROUP BY customer_id, product_id ORDER BY customer_id, min(occurred_at), product_id`,
  );
  const out = new Map<number, number[]>(customerIds.map((id) => [id, []]));
  for (const r of rows) out.get(Number(r.customer_id))?.push(Number(r.product_id));
  return out;
}
