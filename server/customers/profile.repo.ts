import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { customerFeatures, isActiveRun, selectRows } from "../db";

export type FeatureRow = typeof customerFeatures.$inferSelect;

export async function findCustomer(db: Db, id: number) {
  const rows = await selectRows<{
    id: number;
    externalId: string;
    displayName: string | null;
    email: string | null;
    phone: string | null;
    signupAt: Date | string | null;
    channel: string | null;
    region: string | null;
    cityTier: number | null;
    ageBand: string | null;
    device: string | null;
    consent: boolean;
    attributes: Record<string, unknown>;
    erasedAt: Date | string | null;
  }>(
    db,
    sql`SELECT id::float8 AS id, external_id AS "externalId", display_name AS "displayName", email, phone, signup_at AS "signupAt",
               acquisition_channel AS channel, region, city_tier AS "cityTier", age_band AS "ageBand", device,
               marketing_consent AS consent, attributes, erased_at AS "erasedAt"
        FROM customers WHERE id = ${id}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    ...row,
    id: Number(row.id),
    signupAt: row.signupAt ? new Date(row.signupAt) : null,
    erasedAt: row.erasedAt ? new Date(row.erasedAt) : null,
  };
}

export async function findFeatures(db: Db, customerId: number): Promise<FeatureRow | undefined> {
  const rows = await db.select().from(customerFeatures).where(sql`${customerFeatures.customerId} = ${customerId}`).limit(1);
  return rows[0];
}

/** Feature columns that get a population percentile on the profile's cards. */
export const PERCENTILE_COLUMNS = {
  recencyDays: "recency_days",
  frequency: "frequency",
  monetaryCents: "monetary_cents",
  tenureDays: "tenure_days",
  sessions30d: "sessions_30d",
  browseMinutes30d: "browse_minutes_30d",
  activeDays30d: "active_days_30d",
  purchaseCount: "purchase_count",
  avgOrderCents: "avg_order_cents",
  discountShare: "discount_share",
  refundRate: "refund_rate",
  completionRate: "completion_rate",
  progressVelocity: "progress_velocity",
  daysSinceLearning: "days_since_learning",
  stalledCourses: "stalled_courses",
  avgRating: "avg_rating",
  reviewSentiment: "review_sentiment",
  renewalCount: "renewal_count",
  priceSensitivity: "price_sensitivity",
} as const;
export type PercentileKey = keyof typeof PERCENTILE_COLUMNS;

/**
 * Mid-rank percentile of this customer's value among customers with a value:
 * (below + half of the ties) / count, so a value shared by everyone sits at 50. Null when the
 * customer has no value for the feature.
 */
export async function featurePercentiles(db: Db, customerId: number): Promise<Partial<Record<PercentileKey, number | null>>> {
  const entries = Object.entries(PERCENTILE_COLUMNS) as Array<[PercentileKey, string]>;
  const selects = entries.map(([key, column]) => {
    const col = sql.raw(`f.${column}`);
    const mine = sql.raw(`me.${column}`);
    return sql`CASE WHEN ${mine} IS NULL OR count(${col}) = 0 THEN NULL
      ELSE (count(*) FILTER (WHERE ${col} < ${mine}) + 0.5 * count(*) FILTER (WHERE ${col} = ${mine}))::float8 / count(${col}) END AS ${sql.raw(`"${key}"`)}`;
  });
  const rows = await selectRows<Record<string, number | null>>(
    db,
    sql`SELECT ${sql.join(selects, sql`, `)}
        FROM customer_features f CROSS JOIN (SELECT * FROM customer_features WHERE customer_id = ${customerId}) me
        GROUP BY ${sql.join(entries.map(([, column]) => sql.raw(`me.${column}`)), sql`, `)}`,
  );
  const row = rows[0];
  if (!row) return {};
  return Object.fromEntries(entries.map(([key]) => [key, row[key] === null || row[key] === undefined ? null : Number(row[key])]));
}

/** Weekly sessions, purchases and learning events over the 26 weeks up to the customer's last event. */
export async function weeklyActivity(db: Db, customerId: number) {
  return selectRows<{ day: string; sessions: number; purchases: number; learning: number }>(
    db,
    sql`WITH mine AS (
          SELECT type, occurred_at FROM events WHERE customer_id = ${customerId}
        ), span AS (
          SELECT date_trunc('week', max(occurred_at) AT TIME ZONE 'UTC') AS last_week,
                 date_trunc('week', min(occurred_at) AT TIME ZONE 'UTC') AS first_week FROM mine
        ), weeks AS (
          SELECT generate_series(greatest(first_week, last_week - interval '25 weeks'), last_week, interval '1 week') AS week FROM span
          WHERE last_week IS NOT NULL
        )
        SELECT to_char(w.week, 'YYYY-MM-DD') AS day,
          count(m.*) FILTER (WHERE m.type = 'session')::int AS sessions,
          count(m.*) FILTER (WHERE m.type IN ('purchase', 'subscribe', 'renew'))::int AS purchases,
          count(m.*) FILTER (WHERE m.type IN ('progress', 'complete'))::int AS learning
        FROM weeks w
        LEFT JOIN mine m ON date_trunc('week', m.occurred_at AT TIME ZONE 'UTC') = w.week
        GROUP BY w.week ORDER BY w.week`,
  );
}

export async function purchasesOf(db: Db, customerId: number) {
  const rows = await selectRows<{
    occurredAt: string | Date;
    type: string;
    titleZh: string | null;
    titleEn: string | null;
    category: string | null;
    amountCents: number | string | null;
    coupon: string | null;
    refunded: boolean;
  }>(
    db,
    sql`SELECT e.occurred_at AS "occurredAt", e.type::text AS type, p.title_zh AS "titleZh", p.title_en AS "titleEn", p.category,
               e.amount_cents::float8 AS "amountCents", e.extra->>'coupon' AS coupon,
               EXISTS (SELECT 1 FROM events r WHERE r.customer_id = e.customer_id AND r.type = 'refund'
                       AND r.product_id = e.product_id AND r.occurred_at >= e.occurred_at) AS refunded
        FROM events e LEFT JOIN products p ON p.id = e.product_id
        WHERE e.customer_id = ${customerId} AND e.type IN ('purchase', 'subscribe', 'renew')
        ORDER BY e.occurred_at DESC LIMIT 50`,
  );
  return rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt), amountCents: row.amountCents === null ? null : Number(row.amountCents) }));
}

export async function learningOf(db: Db, customerId: number) {
  const rows = await selectRows<{
    titleZh: string | null;
    titleEn: string | null;
    category: string | null;
    progress: number | null;
    completed: boolean;
    startedAt: string | Date;
    lastAt: string | Date;
  }>(
    db,
    sql`SELECT p.title_zh AS "titleZh", p.title_en AS "titleEn", p.category,
               max(CASE WHEN e.type = 'complete' THEN 1 ELSE e.progress END) AS progress,
               bool_or(e.type = 'complete') AS completed,
               min(e.occurred_at) AS "startedAt", max(e.occurred_at) AS "lastAt"
        FROM events e JOIN products p ON p.id = e.product_id
        WHERE e.customer_id = ${customerId} AND e.type IN ('enrol', 'progress', 'complete')
        GROUP BY p.id, p.title_zh, p.title_en, p.category
        ORDER BY max(e.occurred_at) DESC LIMIT 50`,
  );
  return rows.map((row) => ({ ...row, startedAt: new Date(row.startedAt), lastAt: new Date(row.lastAt) }));
}

export async function reviewsOf(db: Db, customerId: number) {
  const rows = await selectRows<{ occurredAt: string | Date; rating: number | null; text: string | null; titleZh: string | null; titleEn: string | null }>(
    db,
    sql`SELECT e.occurred_at AS "occurredAt", e.rating, e.review_text AS text, p.title_zh AS "titleZh", p.title_en AS "titleEn"
        FROM events e LEFT JOIN products p ON p.id = e.product_id
        WHERE e.customer_id = ${customerId} AND e.type = 'rate'
        ORDER BY e.occurred_at DESC LIMIT 50`,
  );
  return rows.map((row) => ({ ...row, occurredAt: new Date(row.occurredAt) }));
}

export async function segmentsOf(db: Db, customerId: number) {
  const rows = await selectRows<{ id: string; name: string; kind: string; addedAt: string | Date }>(
    db,
    sql`SELECT s.id, s.name, s.kind::text AS kind, sm.added_at AS "addedAt"
        FROM segment_members sm JOIN segments s ON s.id = sm.segment_id
        WHERE sm.customer_id = ${customerId} AND s.archived_at IS NULL ORDER BY s.name`,
  );
  return rows.map((row) => ({ ...row, addedAt: new Date(row.addedAt) }));
}

/** The stored top reasons of a classifier score (features that raised its log-odds most); none for other models. */
function reasonsOf(detail: unknown): Array<{ feature: string; contribution: number }> {
  const reasons = (detail as { reasons?: unknown } | null)?.reasons;
  if (!Array.isArray(reasons)) return [];
  return reasons.flatMap((r: unknown) => {
    const item = r as { feature?: unknown; contribution?: unknown };
    return typeof item.feature === "string" && typeof item.contribution === "number" ? [{ feature: item.feature, contribution: item.contribution }] : [];
  });
}

export async function scoresOf(db: Db, customerId: number) {
  const rows = await selectRows<{ task: string; algorithm: string; version: number; score: number | null; cluster: number | null; scoredAt: string | Date; detail: unknown }>(
    db,
    sql`SELECT r.task::text AS task, r.algorithm, r.version, cs.score, cs.cluster, cs.scored_at AS "scoredAt", cs.detail
        FROM customer_scores cs JOIN model_runs r ON r.id = cs.model_run_id
        WHERE cs.customer_id = ${customerId} AND ${isActiveRun("r")} ORDER BY r.task`,
  );
  return rows.map(({ detail, ...row }) => ({ ...row, scoredAt: new Date(row.scoredAt), reasons: reasonsOf(detail) }));
}

export async function timelineOf(db: Db, customerId: number, page: number, pageSize: number) {
  const [rows, totals] = await Promise.all([
    selectRows<{
      id: number | string;
      type: string;
      occurredAt: string | Date;
      titleZh: string | null;
      titleEn: string | null;
      amountCents: number | string | null;
      durationSeconds: number | null;
      progress: number | null;
      rating: number | null;
      reviewText: string | null;
    }>(
      db,
      sql`SELECT e.id::float8 AS id, e.type::text AS type, e.occurred_at AS "occurredAt", p.title_zh AS "titleZh", p.title_en AS "titleEn",
                 e.amount_cents::float8 AS "amountCents", e.duration_seconds AS "durationSeconds", e.progress, e.rating, e.review_text AS "reviewText"
          FROM events e LEFT JOIN products p ON p.id = e.product_id
          WHERE e.customer_id = ${customerId}
          ORDER BY e.occurred_at DESC, e.id DESC
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    ),
    selectRows<{ total: number | string }>(db, sql`SELECT count(*)::float8 AS total FROM events WHERE customer_id = ${customerId}`),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, id: Number(row.id), occurredAt: new Date(row.occurredAt), amountCents: row.amountCents === null ? null : Number(row.amountCents) })),
    total: Number(totals[0]?.total ?? 0),
    page,
    pageSize,
  };
}
