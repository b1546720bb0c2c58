import { sql } from "drizzle-orm";
import type { CAMPAIGN_GOALS, Db } from "../db";
import { selectRows } from "../db";

type Goal = (typeof CAMPAIGN_GOALS)[number];

/**
 * The event that counts as converting for each goal. "first_purchase" counts any paid purchase in
 * the window: the audience is chosen by the segment, so "first" is the segment's job (e.g. a
 * never-bought segment), not the outcome's.
 */
const GOAL_EVENT: Record<Goal, string> = {
  first_purchase: "purchase",
  revenue_per_customer: "purchase",
  renewal: "renew",
  completion: "complete",
};

/** Pre-period covariate for CUPED: purchase spend (currency units) in the 90 days before exposure. */
const PRE_PERIOD_DAYS = 90;

/**
 * Recomputes every exposed customer's outcome from events: converted when a goal event falls in
 * [exposed_at, exposed_at + attribution window), revenue = purchases in that window. One
 * set-based upsert, so re-running after more events arrive only moves numbers forward.
 */
export async function outcomesFromEvents(db: Db, campaignId: string, goal: Goal, attributionDays: number): Promise<number> {
  const window = `${attributionDays} days`;
  const rows = await selectRows<{ n: number }>(
    db,
    sql`WITH ins AS (
          INSERT INTO outcomes (campaign_id, customer_id, variant_id, converted, revenue_cents, pre_period_value, observed_at)
          SELECT a.campaign_id, a.customer_id, a.variant_id,
                 g.first_at IS NOT NULL,
                 COALESCE(r.revenue, 0),
                 COALESCE(p.spend, 0) / 100.0,
                 COALESCE(g.first_at, a.exposed_at)
          FROM assignments a
          LEFT JOIN LATERAL (
            SELECT min(e.occurred_at) AS first_at FROM events e
            WHERE e.customer_id = a.customer_id AND e.type = ${GOAL_EVENT[goal]}::event_type
              AND e.occurred_at >= a.exposed_at AND e.occurred_at < a.exposed_at + ${window}::interval) g ON true
          LEFT JOIN LATERAL (
            SELECT sum(e.amount_cents) AS revenue FROM events e
            WHERE e.customer_id = a.customer_id AND e.type = 'purchase'
              AND e.occurred_at >= a.exposed_at AND e.occurred_at < a.exposed_at + ${window}::interval) r ON true
          LEFT JOIN LATERAL (
            SELECT sum(e.amount_cents) AS spend FROM events e
            WHERE e.customer_id = a.customer_id AND e.type = 'purchase'
              AND e.occurred_at < a.exposed_at AND e.occurred_at >= a.exposed_at - ${`${PRE_PERIOD_DAYS} days`}::interval) p ON true
          WHERE a.campaign_id = ${campaignId}::uuid AND a.exposed_at IS NOT NULL
          ON CONFLICT (campaign_id, customer_id) DO UPDATE
            SET converted = excluded.converted, revenue_cents = excluded.revenue_cents,
                pre_period_value = excluded.pre_period_value, observed_at = excluded.observed_at
          RETURNING 1)
        SELECT count(*)::int AS n FROM ins`,
  );
  return Number(rows[0]?.n ?? 0);
}

export interface OutcomeInsert {
  customerId: number;
  variantId: string | null;
  converted: boolean;
  revenueCents: number;
  prePeriodValue: number | null;
  observedAt: Date;
}

/** Batched upsert of outcome rows produced outside the events table (simulation, imports). */
export async function upsertOutcomes(db: Db, campaignId: string, rows: readonly OutcomeInsert[], batchSize = 10_000): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const payload = JSON.stringify(
      rows.slice(i, i + batchSize).map((r) => ({ c: r.customerId, v: r.variantId, k: r.converted, r: r.revenueCents, p: r.prePeriodValue, t: r.observedAt.toISOString() })),
    );
    const result = await selectRows<{ n: number }>(
      db,
      sql`WITH ins AS (
            INSERT INTO outcomes (campaign_id, customer_id, variant_id, converted, revenue_cents, pre_period_value, observed_at)
            SELECT ${campaignId}::uuid, t.c, t.v, t.k, t.r, t.p, t.t
            FROM jsonb_to_recordset(${payload}::jsonb) AS t(c bigint, v uuid, k boolean, r bigint, p double precision, t timestamptz)
            ON CONFLICT (campaign_id, customer_id) DO UPDATE
              SET variant_id = excluded.variant_id, converted = excluded.converted, revenue_cents = excluded.revenue_cents,
                  pre_period_value = excluded.pre_period_value, observed_at = excluded.observed_at
            RETURNING 1)
          SELECT count(*)::int AS n FROM ins`,
    );
    written += Number(result[0]?.n ?? 0);
  }
  return written;
}

/** Outcomes so far per arm: n observed, c converted (the bandit's evidence). */
export async function armCounts(db: Db, campaignId: string): Promise<Map<string, { n: number; c: number }>> {
  const rows = await selectRows<{ variant_id: string; n: number; c: number }>(
    db,
    sql`SELECT o.variant_id, count(*)::int AS n, count(*) FILTER (WHERE o.converted)::int AS c
        FROM outcomes o WHERE o.campaign_id = ${campaignId}::uuid AND o.variant_id IS NOT NULL GROUP BY o.variant_id`,
  );
  return new Map(rows.map((r) => [r.variant_id, { n: Number(r.n), c: Number(r.c) }]));
}
