import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";

const DAY_MS = 86_400_000;
/** "Active before the cutoff" means any event in this many days up to it. */
export const ACTIVE_BEFORE_DAYS = 90;

export interface Label {
  customerId: number;
  label: 0 | 1;
}

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * Churn: among customers with any event in the 90 days up to the cutoff, 1 when they have no
 * event at all in (cutoff, cutoff + window]. Only events after the cutoff decide the label.
 */
export async function churnLabels(db: Db, cutoff: Date, windowDays: number): Promise<Label[]> {
  const rows = await selectRows<{ customer_id: number | string; churned: boolean }>(
    db,
    sql`SELECT c.id AS customer_id,
          NOT EXISTS (SELECT 1 FROM events a WHERE a.customer_id = c.id AND a.occurred_at > ${ts(cutoff)}
                        AND a.occurred_at <= ${ts(new Date(cutoff.getTime() + windowDays * DAY_MS))}) AS churned
        FROM customers c
        WHERE ${notErased("c")}
          AND EXISTS (SELECT 1 FROM events b WHERE b.customer_id = c.id AND b.occurred_at <= ${ts(cutoff)}
                        AND b.occurred_at > ${ts(new Date(cutoff.getTime() - ACTIVE_BEFORE_DAYS * DAY_MS))})
        ORDER BY c.id`,
  );
  return rows.map((r) => ({ customerId: Number(r.customer_id), label: r.churned ? 1 : 0 }));
}

/** Propensity: among customers who existed at the cutoff, 1 when they purchase in (cutoff, cutoff + window]. */
export async function propensityLabels(db: Db, cutoff: Date, windowDays: number): Promise<Label[]> {
  const rows = await selectRows<{ customer_id: number | string; bought: boolean }>(
    db,
    sql`SELECT c.id AS customer_id,
          EXISTS (SELECT 1 FROM events a WHERE a.customer_id = c.id AND a.type = 'purchase' AND a.occurred_at > ${ts(cutoff)}
                    AND a.occurred_at <= ${ts(new Date(cutoff.getTime() + windowDays * DAY_MS))}) AS bought
        FROM customers c
        WHERE ${notErased("c")}
          AND EXISTS (SELECT 1 FROM events b WHERE b.customer_id = c.id AND b.occurred_at <= ${ts(cutoff)})
        ORDER BY c.id`,
  );
  return rows.map((r) => ({ customerId: Number(r.customer_id), label: r.bought ? 1 : 0 }));
}

/** One basket per customer: the distinct products they purchased up to `asOf`. */
export async function purchaseBaskets(db: Db, asOf: Date): Promise<number[][]> {
  const rows = await selectRows<{ items: Array<number | string> }>(
    db,
    sql`SELECT array_agg(DISTINCT e.product_id) AS items FROM events e
        WHERE e.type = 'purchase' AND e.product_id IS NOT NULL AND e.occurred_at <= ${ts(asOf)}
        GROUP BY e.customer_id`,
  );
  return rows.map((r) => r.items.map(Number));
}
