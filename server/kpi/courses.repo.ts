import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";
import { customerFilter, type KpiFilters } from "./filters.sql";

type Filter = Pick<KpiFilters, "from" | "to" | "segmentId" | "channel">;
const num = (value: unknown) => Number(value ?? 0);

function inRange(filters: Filter) {
  return sql`e.occurred_at >= ${filters.from}::date AT TIME ZONE 'UTC' AND e.occurred_at < (${filters.to}::date + 1) AT TIME ZONE 'UTC'
    AND ${customerFilter(filters, sql`e.customer_id`)}`;
}

/** Per product in the range: buyers, revenue, refunds and completions (products with any purchase or enrolment). */
export async function productTable(db: Db, filters: Filter) {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT p.id, p.title_en, p.title_zh, p.kind, p.category, p.price_cents, t.buyers, t.purchases, t.refunds, t.gross, t.learners, t.completers
        FROM (
          SELECT e.product_id,
            count(DISTINCT e.customer_id) FILTER (WHERE e.type = 'purchase') AS buyers,
            count(*) FILTER (WHERE e.type = 'purchase') AS purchases,
            count(*) FILTER (WHERE e.type = 'refund') AS refunds,
            coalesce(sum(e.amount_cents) FILTER (WHERE e.type IN ('purchase', 'subscribe', 'renew')), 0) AS gross,
            count(DISTINCT e.customer_id) FILTER (WHERE e.type IN ('purchase', 'enrol')) AS learners,
            count(DISTINCT e.customer_id) FILTER (WHERE e.type = 'complete') AS completers
          FROM events e
          WHERE e.type IN ('purchase', 'refund', 'enrol', 'complete', 'subscribe', 'renew') AND e.product_id IS NOT NULL AND ${inRange(filters)}
          GROUP BY e.product_id
        ) t JOIN products p ON p.id = t.product_id
        ORDER BY t.buyers DESC, p.id`,
  );
  return rows.map((r) => ({
    productId: num(r.id),
    titleEn: String(r.title_en),
    titleZh: String(r.title_zh),
    kind: String(r.kind),
    category: String(r.category),
    priceCents: num(r.price_cents),
    buyers: num(r.buyers),
    purchases: num(r.purchases),
    refunds: num(r.refunds),
    grossCents: num(r.gross),
    learners: num(r.learners),
    completers: num(r.completers),
  }));
}

/**
 * Viewers, full-price buyers and coupon buyers of one product, overall (segment null) and per live
 * segment: conversion at full price against with a coupon.
 */
export async function conversionBySegment(db: Db, productId: number, filters: Filter) {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`WITH per_customer AS (
          SELECT e.customer_id,
            bool_or(e.type = 'view') AS viewed,
            bool_or(e.type = 'purchase' AND e.extra->>'coupon' IS NULL) AS full_price,
            bool_or(e.type = 'purchase' AND e.extra->>'coupon' IS NOT NULL) AS coupon
          FROM events e
          WHERE e.product_id = ${productId} AND e.type IN ('view', 'purchase') AND ${inRange(filters)}
          GROUP BY e.customer_id
        )
        SELECT NULL::uuid AS segment_id, NULL AS segment_name, count(*) FILTER (WHERE viewed) AS viewers,
          count(*) FILTER (WHERE full_price OR coupon) AS buyers, count(*) FILTER (WHERE full_price) AS full_price, count(*) FILTER (WHERE coupon) AS coupon
        FROM per_customer
        UNION ALL
        SELECT s.id, s.name, count(*) FILTER (WHERE viewed), count(*) FILTER (WHERE full_price OR coupon), count(*) FILTER (WHERE full_price), count(*) FILTER (WHERE coupon)
        FROM per_customer pc JOIN segment_members m ON m.customer_id = pc.customer_id JOIN segments s ON s.id = m.segment_id AND s.archived_at IS NULL
        GROUP BY s.id, s.name`,
  );
  return rows.map((r) => ({
    segmentId: r.segment_id === null ? null : String(r.segment_id),
    segmentName: r.segment_name === null ? null : String(r.segment_name),
    viewers: num(r.viewers),
    buyers: num(r.buyers),
    fullPrice: num(r.full_price),
    coupon: num(r.coupon),
  }));
}

/** Learners of the product and, for those who did not complete, where they stopped (max progress). */
export async function progressProfile(db: Db, productId: number, filters: Filter) {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT least(9, floor(coalesce(max_progress, 0) * 10))::int AS bucket, completed, count(*) AS n FROM (
          SELECT e.customer_id, max(e.progress) FILTER (WHERE e.type = 'progress') AS max_progress, bool_or(e.type = 'complete') AS completed
          FROM events e
          WHERE e.product_id = ${productId} AND e.type IN ('purchase', 'enrol', 'progress', 'complete') AND ${inRange(filters)}
          GROUP BY e.customer_id
        ) learners GROUP BY 1, 2`,
  );
  return rows.map((r) => ({ bucket: num(r.bucket), completed: r.completed === true || r.completed === "t", customers: num(r.n) }));
}

export async function ratings(db: Db, productId: number, filters: Filter) {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, e.rating, e.review_text
        FROM events e
        WHERE e.product_id = ${productId} AND e.type = 'rate' AND ${inRange(filters)}
        ORDER BY e.occurred_at`,
  );
  return rows.map((r) => ({ month: String(r.month), rating: r.rating === null ? null : num(r.rating), review: r.review_text === null ? null : String(r.review_text) }));
}

export async function findProduct(db: Db, productId: number) {
  const [row] = await selectRows<Record<string, unknown>>(db, sql`SELECT id, title_en, title_zh, kind, category, price_cents FROM products WHERE id = ${productId}`);
  return row
    ? { productId: num(row.id), titleEn: String(row.title_en), titleZh: String(row.title_zh), kind: String(row.kind), category: String(row.category), priceCents: num(row.price_cents) }
    : null;
}
