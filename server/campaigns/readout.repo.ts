import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { selectRows } from "../db";

export interface ArmAggregate {
  variantId: string | null;
  exposures: number;
  conversions: number;
  revenueCents: number;
  revenueSquares: number;
  interference: number;
  /** Revenue capped at the pooled percentile (equal to revenue when winsorising is off). */
  winsorisedCents: number;
  winsorisedSquares: number;
  /** Customers whose revenue lay above the cap. */
  capped: number;
  /** Coupon cost: the arm's percent off × the customer's purchases in the window. */
  discountCents: number;
  discountSquares: number;
  /** Customers with at least one refund event in the attribution window, and its amount. */
  refunders: number;
  refundCents: number;
  /** Revenue − coupon cost − refunds, per customer. */
  netCents: number;
  netSquares: number;
  /** Σ revenue over converters only: the cross term of revenue per converter (ARPPU). */
  converterRevenueCents: number;
}

export const WINSORISE_QUANTILE = { p99: 0.99, p95: 0.95 } as const;

export interface ArmAggregates {
  arms: ArmAggregate[];
  /** The pooled cap in cents, or null when winsorising is off or no one is assigned. */
  capCents: number | null;
}

/**
 * One value per assigned customer (refunds in [exposed_at, exposed_at + window), coupon cost from
 * the arm's percent off), kept as a fragment so the per-arm sums and the daily sums read the same
 * definitions.
 */
function unitValues(campaignId: string, attributionDays: number) {
  const window = `${attributionDays} days`;
  return sql`SELECT a.variant_id, a.interference, a.exposed_at,
                    COALESCE(o.converted, false) AS converted,
                    COALESCE(o.revenue_cents, 0)::float8 AS rev,
                    COALESCE(o.revenue_cents, 0)::float8 * COALESCE(v.coupon_percent_off, 0)::float8 / 100 AS disc,
                    COALESCE(rf.cents, 0)::float8 AS refund,
                    COALESCE(rf.k, 0) > 0 AS refunded,
                    o.observed_at
             FROM assignments a
             LEFT JOIN outcomes o ON o.campaign_id = a.campaign_id AND o.customer_id = a.customer_id
             LEFT JOIN campaign_variants v ON v.id = a.variant_id
             LEFT JOIN LATERAL (
               SELECT count(*)::int AS k, sum(abs(e.amount_cents))::float8 AS cents FROM events e
               WHERE a.exposed_at IS NOT NULL AND e.customer_id = a.customer_id AND e.type = 'refund'
                 AND e.occurred_at >= a.exposed_at AND e.occurred_at < a.exposed_at + ${window}::interval) rf ON true
             WHERE a.campaign_id = ${campaignId}::uuid`;
}

/**
 * One pass over the campaign's assignments with their outcomes and refunds: counts and sums per
 * arm (never the rows). With winsorising the cap is the pooled percentile of every assigned
 * customer's revenue (percentile_cont: linear interpolation, the same as pooledQuantile).
 */
export async function armAggregates(db: Db, campaignId: string, options: { attributionDays: number; winsorise: "off" | "p99" | "p95" }): Promise<ArmAggregates> {
  const quantile = options.winsorise === "off" ? null : WINSORISE_QUANTILE[options.winsorise];
  const capExpr = quantile === null ? sql`NULL::float8` : sql`(SELECT percentile_cont(${quantile}::float8) WITHIN GROUP (ORDER BY u.rev) FROM u)`;
  const rows = await selectRows<Record<string, number | string | null> & { variant_id: string | null }>(
    db,
    sql`WITH u AS (${unitValues(campaignId, options.attributionDays)}),
        cap AS (SELECT ${capExpr} AS c),
        w AS (SELECT u.*, CASE WHEN cap.c IS NULL THEN u.rev ELSE LEAST(u.rev, cap.c) END AS wrev, cap.c AS cap,
                     u.rev - u.disc - u.refund AS net
              FROM u CROSS JOIN cap)
        SELECT w.variant_id, count(*)::int AS n,
               count(*) FILTER (WHERE w.converted)::int AS c,
               COALESCE(sum(w.rev), 0)::float8 AS rev, COALESCE(sum(w.rev * w.rev), 0)::float8 AS rev2,
               count(*) FILTER (WHERE w.interference)::int AS i,
               COALESCE(sum(w.wrev), 0)::float8 AS wrev, COALESCE(sum(w.wrev * w.wrev), 0)::float8 AS wrev2,
               count(*) FILTER (WHERE w.rev > w.cap)::int AS capped,
               COALESCE(sum(w.disc), 0)::float8 AS disc, COALESCE(sum(w.disc * w.disc), 0)::float8 AS disc2,
               count(*) FILTER (WHERE w.refunded)::int AS refunders, COALESCE(sum(w.refund), 0)::float8 AS refund,
               COALESCE(sum(w.net), 0)::float8 AS net, COALESCE(sum(w.net * w.net), 0)::float8 AS net2,
               COALESCE(sum(w.rev) FILTER (WHERE w.converted), 0)::float8 AS crev,
               max(w.cap) AS cap
        FROM w GROUP BY w.variant_id`,
  );
  const capRow = rows.find((r) => r.cap !== null);
  return {
    capCents: capRow ? Number(capRow.cap) : null,
    arms: rows.map((r) => ({
      variantId: r.variant_id,
      exposures: Number(r.n),
      conversions: Number(r.c),
      revenueCents: Number(r.rev),
      revenueSquares: Number(r.rev2),
      interference: Number(r.i),
      winsorisedCents: Number(r.wrev),
      winsorisedSquares: Number(r.wrev2),
      capped: Number(r.capped),
      discountCents: Number(r.disc),
      discountSquares: Number(r.disc2),
      refunders: Number(r.refunders),
      refundCents: Number(r.refund),
      netCents: Number(r.net),
      netSquares: Number(r.net2),
      converterRevenueCents: Number(r.crev),
    })),
  };
}

export interface DailyCount {
  day: string;
  variantId: string | null;
  exposures: number;
  conversions: number;
  /** Revenue of the outcomes observed that day, and the sum of its squares, in cents (cents²). */
  revenueCents: number;
  revenueSquares: number;
  /** The same for revenue capped at the read-out's cap, and for net revenue. */
  winsorisedCents: number;
  winsorisedSquares: number;
  netCents: number;
  netSquares: number;
}

/**
 * Exposures by exposure day and outcomes by observation day, per arm, for the cumulative chart
 * (a customer's refunds count on their outcome's day). Rows are grouped by UTC date and only the
 * few groups are formatted as text.
 */
export async function dailyCounts(db: Db, campaignId: string, options: { attributionDays: number; capCents: number | null }): Promise<DailyCount[]> {
  const cap = options.capCents === null ? sql`NULL::float8` : sql`${options.capCents}::float8`;
  const rows = await selectRows<{ day: string; variant_id: string | null; n: number; c: number; rev: number; rev2: number; wrev: number; wrev2: number; net: number; net2: number }>(
    db,
    sql`WITH e AS (
          SELECT (a.exposed_at AT TIME ZONE 'UTC')::date AS day, a.variant_id, count(*)::int AS n
          FROM assignments a WHERE a.campaign_id = ${campaignId}::uuid AND a.exposed_at IS NOT NULL GROUP BY 1, 2),
        u AS (
          SELECT x.*, CASE WHEN ${cap} IS NULL THEN x.rev ELSE LEAST(x.rev, ${cap}) END AS wrev, x.rev - x.disc - x.refund AS net
          FROM (${unitValues(campaignId, options.attributionDays)}) x
          WHERE x.observed_at IS NOT NULL AND (x.converted OR x.rev <> 0 OR x.refund <> 0)),
        c AS (
          SELECT (u.observed_at AT TIME ZONE 'UTC')::date AS day, u.variant_id, count(*) FILTER (WHERE u.converted)::int AS c,
                 sum(u.rev)::float8 AS rev, sum(u.rev * u.rev)::float8 AS rev2,
                 sum(u.wrev)::float8 AS wrev, sum(u.wrev * u.wrev)::float8 AS wrev2,
                 sum(u.net)::float8 AS net, sum(u.net * u.net)::float8 AS net2
          FROM u GROUP BY 1, 2)
        SELECT to_char(COALESCE(e.day, c.day), 'YYYY-MM-DD') AS day, COALESCE(e.variant_id, c.variant_id) AS variant_id, COALESCE(e.n, 0) AS n, COALESCE(c.c, 0) AS c,
               COALESCE(c.rev, 0) AS rev, COALESCE(c.rev2, 0) AS rev2, COALESCE(c.wrev, 0) AS wrev, COALESCE(c.wrev2, 0) AS wrev2,
               COALESCE(c.net, 0) AS net, COALESCE(c.net2, 0) AS net2
        FROM e FULL JOIN c ON c.day = e.day AND c.variant_id IS NOT DISTINCT FROM e.variant_id
        ORDER BY 1`,
  );
  return rows.map((r) => ({
    day: r.day,
    variantId: r.variant_id,
    exposures: Number(r.n),
    conversions: Number(r.c),
    revenueCents: Number(r.rev),
    revenueSquares: Number(r.rev2),
    winsorisedCents: Number(r.wrev),
    winsorisedSquares: Number(r.wrev2),
    netCents: Number(r.net),
    netSquares: Number(r.net2),
  }));
}

export interface CovariateRow {
  variantId: string | null;
  converted: number;
  revenue: number;
  pre: number;
}

/** Per-customer metric and pre-period covariate (customers lacking it are left out): the row path CUPED once read, kept as the reference tests and the bench hold covariateMoments against. */
export async function covariateRows(db: Db, campaignId: string): Promise<CovariateRow[]> {
  const rows = await selectRows<{ v: string | null; k: number; r: number | string; p: number | string }>(
    db,
    sql`SELECT o.variant_id AS v, o.converted::int AS k, o.revenue_cents / 100.0 AS r, o.pre_period_value AS p
        FROM outcomes o WHERE o.campaign_id = ${campaignId}::uuid AND o.pre_period_value IS NOT NULL`,
  );
  return rows.map((r) => ({ variantId: r.v, converted: Number(r.k), revenue: Number(r.r), pre: Number(r.p) }));
}

export interface CovariateMoments {
  variantId: string | null;
  n: number;
  sumY: number;
  sumX: number;
  sumXX: number;
  sumXY: number;
  sumYY: number;
}

/**
 * CUPED's sufficient statistics per arm (customers with a pre-period covariate only), so no
 * outcome row leaves the database. y is revenue in currency units or conversion as 0/1, exactly
 * the values covariateRows returns.
 */
export async function covariateMoments(db: Db, campaignId: string, metric: "conversion" | "revenue"): Promise<CovariateMoments[]> {
  const y = metric === "revenue" ? sql`(o.revenue_cents::float8 / 100)` : sql`(o.converted::int::float8)`;
  const rows = await selectRows<{ v: string | null; n: number; sy: number; sx: number; sxx: number; sxy: number; syy: number }>(
    db,
    sql`SELECT o.variant_id AS v, count(*)::int AS n,
               sum(${y})::float8 AS sy, sum(o.pre_period_value)::float8 AS sx,
               sum(o.pre_period_value * o.pre_period_value)::float8 AS sxx,
               sum(o.pre_period_value * ${y})::float8 AS sxy, sum(${y} * ${y})::float8 AS syy
        FROM outcomes o WHERE o.campaign_id = ${campaignId}::uuid AND o.pre_period_value IS NOT NULL
        GROUP BY o.variant_id`,
  );
  return rows.map((r) => ({ variantId: r.v, n: Number(r.n), sumY: Number(r.sy), sumX: Number(r.sx), sumXX: Number(r.sxx), sumXY: Number(r.sxy), sumYY: Number(r.syy) }));
}

export interface SegmentArmCount {
  segmentId: string;
  segmentName: string;
  variantId: string;
  exposures: number;
  conversions: number;
}

/**
 * Counts per (segment × arm) among the campaign's non-holdout customers, by the membership
 * recorded when each customer was assigned (assignment_segments): a segment made or refreshed
 * after exposure cannot appear, and nobody moves between cells because the treatment changed
 * their behaviour. Conversions start from the campaign's few converted outcomes. Names are
 * attached to the handful of groups at the end.
 */
export async function segmentArmCounts(db: Db, campaignId: string): Promise<SegmentArmCount[]> {
  const rows = await selectRows<{ id: string; name: string; v: string; n: number; c: number }>(
    db,
    sql`WITH exposed AS (
          SELECT x.segment_id, a.variant_id, count(*)::int AS n
          FROM assignment_segments x
          JOIN assignments a ON a.campaign_id = x.campaign_id AND a.customer_id = x.customer_id
          WHERE x.campaign_id = ${campaignId}::uuid AND a.variant_id IS NOT NULL
          GROUP BY 1, 2),
        converted AS (
          SELECT x.segment_id, a.variant_id, count(*)::int AS c
          FROM outcomes o
          JOIN assignments a ON a.campaign_id = o.campaign_id AND a.customer_id = o.customer_id
          JOIN assignment_segments x ON x.campaign_id = o.campaign_id AND x.customer_id = o.customer_id
          WHERE o.campaign_id = ${campaignId}::uuid AND o.converted AND a.variant_id IS NOT NULL
          GROUP BY 1, 2)
        SELECT s.id, s.name, exposed.variant_id AS v, exposed.n, COALESCE(converted.c, 0) AS c
        FROM exposed
        LEFT JOIN converted ON converted.segment_id = exposed.segment_id AND converted.variant_id = exposed.variant_id
        JOIN segments s ON s.id = exposed.segment_id`,
  );
  return rows.map((r) => ({ segmentId: r.id, segmentName: r.name, variantId: r.v, exposures: Number(r.n), conversions: Number(r.c) }));
}

export interface WaveCount {
  wave: number;
  variantId: string | null;
  exposures: number;
}

export async function waveCounts(db: Db, campaignId: string): Promise<WaveCount[]> {
  const rows = await selectRows<{ w: number; v: string | null; n: number }>(
    db,
    sql`SELECT COALESCE((a.detail->>'wave')::int, 0) AS w, a.variant_id AS v, count(*)::int AS n
        FROM assignments a WHERE a.campaign_id = ${campaignId}::uuid GROUP BY 1, 2 ORDER BY 1`,
  );
  return rows.map((r) => ({ wave: Number(r.w), variantId: r.v, exposures: Number(r.n) }));
}
