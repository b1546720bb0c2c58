import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";

export interface UnansweredAssignment {
  customer_id: number | string;
  variant_id: string | null;
  exposed_at: Date | string;
  persona: string | null;
  true_uplift: number | null;
  pre: number | string | null;
}

/** Assigned customers of a campaign without an outcome yet, with their planted truth (if any) and pre-period spend. */
export async function unansweredAssignments(db: Db, campaignId: string): Promise<UnansweredAssignment[]> {
  return selectRows<UnansweredAssignment & Record<string, unknown>>(
    db,
    sql`SELECT a.customer_id, a.variant_id, a.exposed_at, t.persona, t.true_uplift, f.monetary_cents AS pre
        FROM assignments a
        LEFT JOIN demo_customer_truth t ON t.customer_id = a.customer_id
        LEFT JOIN customer_features f ON f.customer_id = a.customer_id
        WHERE a.campaign_id = ${campaignId}::uuid
          AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.campaign_id = a.campaign_id AND o.customer_id = a.customer_id)
        ORDER BY a.customer_id`,
  );
}

/** List prices of the given products, by id (products not found are absent). */
export async function productPrices(db: Db, productIds: readonly number[]): Promise<Map<number, number>> {
  const rows = await selectRows<{ id: number; price_cents: number }>(
    db,
    sql`SELECT id, price_cents FROM products WHERE id IN (${sql.join(productIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.price_cents)]));
}

/** The planted truth of a campaign's assigned demo customers, in the campaign's fixed shuffled order (md5 of salt and id). */
export async function audienceTruth(db: Db, campaignId: string, salt: string): Promise<Array<{ persona: string; true_uplift: number }>> {
  return selectRows<{ persona: string; true_uplift: number }>(
    db,
    sql`SELECT t.persona, t.true_uplift FROM assignments a JOIN demo_customer_truth t ON t.customer_id = a.customer_id
        WHERE a.campaign_id = ${campaignId}::uuid ORDER BY md5(${salt} || a.customer_id::text)`,
  );
}
