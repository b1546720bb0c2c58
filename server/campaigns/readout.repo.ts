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
}

/** One pass over the campaign's assignments with their outcomes: counts and revenue sums per arm. */
export async function armAggregates(db: Db, campaignId: string): Promise<ArmAggregate[]> {
  const rows = await selectRows<{ variant_id: string | null; n: number; c: number; rev: number | string; rev2: number | string; i: number }>(
    db,
    sql`SELECT a.variant_id, count(*)::int AS n,
               count(*) FILTER (WHERE o.converted)::int AS c,
               COALESCE(sum(o.revenue_cents), 0)::float8 AS rev,
               COALESCE(sum(o.revenue_cents::float8 * o.revenue_cents::float8), 0)::float8 AS rev2,
               count(*) FILTER (WHERE a.interference)::int AS i
        FROM assignments a
        LEFT JOIN outcomes o ON o.campaign_id = a.campaign_id AND o.customer_id = a.customer_id
        WHERE a.campaign_id = ${campaignId}::uuid
        GROUP BY a.variant_id`,
  );
  return rows.map((r) => ({
    variantId: r.variant_id,
    exposures: Number(r.n),
    conversions: Number(r.c),
    revenueCents: Number(r.rev),
    revenueSquares: Number(r.rev2),
    interference: Number(r.i),
  }));
}

export interface DailyCount {
  day: string;
  variantId: string | null;
  exposures: number;
  conversions: number;
  /** Revenue of the outcomes observed that day, and the sum of its squares, in cents (cents²). */
  revenueCents: number;
  revenueSquares: number;
}

/**
 * Exposures by exposure day and conversions by observation day, per arm, for the cumulative chart.
 * Rows are grouped by UTC date and only the few groups are formatted as text.
 */
export async function dailyCounts(db: Db, campaignId: string): Promise<DailyCount[]> {
  const rows = await selectRows<{ day: string; variant_id: string | null; n: number; c: number; rev: number; rev2: number }>(
    db,
    sql`WITH e AS (
          SELECT (a.exposed_at AT TIME ZONE 'UTC')::date AS day, a.variant_id, count(*)::int AS n
          FROM assignments a WHERE a.campaign_id = ${campaignId}::uuid AND a.exposed_at IS NOT NULL GROUP BY 1, 2),
        c AS (
          SELECT (o.observed_at AT TIME ZONE 'UTC')::date AS day, o.variant_id, count(*) FILTER (WHERE o.converted)::int AS c,
                 sum(o.revenue_cents)::float8 AS rev, sum(o.revenue_cents::float8 * o.revenue_cents::float8)::float8 AS rev2
          FROM outcomes o WHERE o.campaign_id = ${campaignId}::uuid AND (o.converted OR o.revenue_cents <> 0) GROUP BY 1, 2)
        SELECT to_char(COALESCE(e.day, c.day), 'YYYY-MM-DD') AS day, COALESCE(e.variant_id, c.variant_id) AS variant_id, COALESCE(e.n, 0) AS n, COALESCE(c.c, 0) AS c,
               COALESCE(c.rev, 0) AS rev, COALESCE(c.rev2, 0) AS rev2
        FROM e FULL JOIN c ON c.day = e.day AND c.variant_id IS NOT DISTINCT FROM e.variant_id
        ORDER BY 1`,
  );
  return rows.map((r) => ({ day: r.day, variantId: r.variant_id, exposures: Number(r.n), conversions: Number(r.c), revenueCents: Number(r.rev), revenueSquares: Number(r.rev2) }));
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
