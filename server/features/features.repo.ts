import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";

export interface FeatureSqlOptions {
  asOf: Date;
  /** A subscription counts as active while its last payment is younger than this. */
  subscriptionActiveDays: number;
  /** A started, unfinished course with no progress for this long is "stalled". */
  stalledAfterDays: number;
}

/** One chunk of a feature build: the customers with ids in [fromId, toId]. */
export interface BuildChunk {
  buildId: string;
  fromId: number;
  toId: number;
}

/** Every customer id not erased, in order: a build cuts them into chunks. */
export async function customerIdsInOrder(db: Db): Promise<number[]> {
  const rows = await selectRows<{ id: number | string }>(db, sql`SELECT c.id FROM customers c WHERE ${notErased("c")} ORDER BY c.id`);
  return rows.map((row) => Number(row.id));
}

/** "As of" = the latest event time in the data, so old imports still get meaningful recency. */
export async function latestEventTime(db: Db): Promise<Date | null> {
  const rows = await selectRows<{ latest: string | Date | null }>(db, sql`SELECT max(occurred_at) AS latest FROM events`);
  const latest = rows[0]?.latest;
  return latest ? new Date(latest) : null;
}

/**
 * Serialises feature refreshes across workers for the rest of the transaction: two refreshes that
 * both delete and re-insert every row would otherwise collide on the primary key.
 */
export async function lockFeatureRefresh(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext('stratum.features.refresh'))`);
}

const FEATURE_COLUMNS = sql.raw(`customer_id, computed_at, as_of, recency_days, frequency, monetary_cents, r_score, f_score, m_score, tenure_days,
    sessions_7d, sessions_30d, sessions_90d, browse_minutes_7d, browse_minutes_30d, browse_minutes_90d, active_days_30d,
    purchase_count, avg_order_cents, discount_share, refund_rate, completion_rate, progress_velocity, days_since_learning,
    stalled_courses, avg_rating, review_sentiment, top_categories, subscription_status, renewal_count, price_sensitivity, extra`);

/**
 * Replaces the live features with a finished build, in the caller's transaction. DELETE, not
 * TRUNCATE: readers keep seeing the previous rows until the transaction commits.
 */
export async function publishBuild(db: Db, buildId: string): Promise<number> {
  await db.execute(sql`DELETE FROM customer_features`);
  const rows = await selectRows<{ n: number | string }>(
    db,
    sql`WITH ins AS (
          INSERT INTO customer_features (${FEATURE_COLUMNS})
          SELECT ${FEATURE_COLUMNS} FROM feature_build_rows WHERE build_id = ${buildId}
          RETURNING 1
        ) SELECT count(*) AS n FROM ins`,
  );
  await deleteBuild(db, buildId);
  return Number(rows[0]?.n ?? 0);
}

export async function deleteBuild(db: Db, buildId: string): Promise<void> {
  await db.execute(sql`DELETE FROM feature_build_rows WHERE build_id = ${buildId}`);
}

/** Builds left behind by a process that died (a day old: no build runs that long). */
export async function deleteAbandonedBuilds(db: Db): Promise<void> {
  await db.execute(sql`DELETE FROM feature_build_rows WHERE computed_at < now() - interval '1 day'`);
}

/**
 * The r/f/m scores of a build: ceil(5 · cume_dist) over its customers with ≥ 1 transaction (see
 * quintiles.ts for ties). A separate pass because the ranks span every chunk.
 */
export async function scoreBuildRfm(db: Db, buildId: string): Promise<void> {
  // The build's rows were all written moments ago: without fresh statistics the planner takes the
  // table for empty and joins the ranking back to it by nested loops (100,000 customers: 30+ min).
  await db.execute(sql`ANALYZE feature_build_rows`);
  await db.execute(sql`
    UPDATE feature_build_rows f SET r_score = r.r_score, f_score = r.f_score, m_score = r.m_score
    FROM (
      SELECT customer_id,
        ceil(5 * cume_dist() OVER (ORDER BY recency_days DESC) - 1e-9) AS r_score,
        ceil(5 * cume_dist() OVER (ORDER BY frequency) - 1e-9) AS f_score,
        ceil(5 * cume_dist() OVER (ORDER BY monetary_cents) - 1e-9) AS m_score
      FROM feature_build_rows WHERE build_id = ${buildId} AND frequency > 0
    ) r
    WHERE f.build_id = ${buildId} AND f.customer_id = r.customer_id`);
}

/**
 * Computes every SQL-side feature for every customer not erased, in one INSERT ... SELECT.
 *
 * Definitions (all "as of" the latest event; null = no data, never a silent zero):
 * - transactions = purchase, subscribe and renew events; frequency counts them, monetary is their
 *   amount minus refunded amounts, recency is days since the latest one.
 * - r/f/m scores: ceil(5 · cume_dist) over customers with ≥ 1 transaction (see quintiles.ts for ties).
 * - tenure: days since signup (or since the first event when signup is unknown).
 * - sessions / browse minutes over 7, 30, 90 days: session events and their duration.
 * - purchase_count, avg_order_cents: one-off `purchase` events only.
 * - discount_share: share of purchases whose events.extra has a `coupon` or `discount_cents` > 0
 *   (what the demo and the importers write).
 * - refund_rate: refund events / purchase events.
 * - price_sensitivity: mean discount depth of purchases, (list price − paid) / list price, the list
 *   price taken from extra.list_price_cents or else the product's catalogue price; 0 = always
 *   pays full price, 0.3 = pays 30% below list on average.
 * - completion_rate: completed / started courses (a course is started by any progress event).
 * - progress_velocity: course progress gained over the last 30 days, per week (1 = one course).
 * - stalled_courses: started, below 100%, no progress for `stalledAfterDays`.
 * - subscription_status: latest subscribe/renew/cancel decides: cancelled; active while the last
 *   payment is younger than `subscriptionActiveDays`; lapsed otherwise.
 * - top_categories: up to 3 categories by interest weight (purchase/subscribe 5, enrol/cart 3,
 *   click 2, view/progress 1), each with its share of the customer's total weight.
 * Each CTE reads only the event types it needs; only `activity` scans all events. Nulls mean
 * "no data" (no purchase, never learned, never rated) and are never coalesced to zero.
 */
/** Hash aggregates over millions of events spill to disk at the default 4 MB; this transaction may use more. */
export async function allowLargeAggregates(db: Db): Promise<void> {
  await db.execute(sql`SET LOCAL work_mem = '256MB'`);
}

export async function insertFeatures(db: Db, options: FeatureSqlOptions, chunk: BuildChunk): Promise<number> {
  const day = 86_400_000;
  const inChunk = (column: string) => sql`${sql.raw(column)} BETWEEN ${chunk.fromId} AND ${chunk.toId}`;
  const at = (msBefore: number) => sql`${new Date(options.asOf.getTime() - msBefore).toISOString()}::timestamptz`;
  // Plain parameters rather than a one-row CTE: the planner sees the values and estimates well.
  const p = {
    as_of: at(0),
    d7: at(7 * day),
    d30: at(30 * day),
    d90: at(90 * day),
    stalled_before: at(options.stalledAfterDays * day),
    sub_active_after: at(options.subscriptionActiveDays * day),
  };
  const rows = await selectRows<{ inserted: number | string }>(
    db,
    sql`
WITH activity AS (
  SELECT e.customer_id,
    count(*) FILTER (WHERE e.type IN ('purchase', 'subscribe', 'renew')) AS frequency,
    max(e.occurred_at) FILTER (WHERE e.type IN ('purchase', 'subscribe', 'renew')) AS last_transaction,
    coalesce(sum(e.amount_cents) FILTER (WHERE e.type IN ('purchase', 'subscribe', 'renew')), 0)
      - coalesce(sum(e.amount_cents) FILTER (WHERE e.type = 'refund'), 0) AS monetary,
    min(e.occurred_at) AS first_event,
    count(*) FILTER (WHERE e.type = 'session' AND e.occurred_at > ${p.d7}) AS sessions_7d,
    count(*) FILTER (WHERE e.type = 'session' AND e.occurred_at > ${p.d30}) AS sessions_30d,
    count(*) FILTER (WHERE e.type = 'session' AND e.occurred_at > ${p.d90}) AS sessions_90d,
    coalesce(sum(e.duration_seconds) FILTER (WHERE e.type = 'session' AND e.occurred_at > ${p.d7}), 0) / 60.0 AS minutes_7d,
    coalesce(sum(e.duration_seconds) FILTER (WHERE e.type = 'session' AND e.occurred_at > ${p.d30}), 0) / 60.0 AS minutes_30d,
    coalesce(sum(e.duration_seconds) FILTER (WHERE e.type = 'session' AND e.occurred_at > ${p.d90}), 0) / 60.0 AS minutes_90d,
    count(*) FILTER (WHERE e.type = 'refund') AS refunds,
    avg(e.rating) FILTER (WHERE e.type = 'rate' AND e.rating IS NOT NULL) AS avg_rating,
    count(*) FILTER (WHERE e.type = 'renew') AS renewals
  FROM events e
  WHERE e.occurred_at <= ${p.as_of} AND ${inChunk("e.customer_id")}
  GROUP BY e.customer_id
),
active_days AS (
  SELECT e.customer_id, count(DISTINCT (e.occurred_at AT TIME ZONE 'UTC')::date) AS days
  FROM events e
  WHERE e.occurred_at > ${p.d30} AND e.occurred_at <= ${p.as_of} AND ${inChunk("e.customer_id")}
  GROUP BY e.customer_id
),
purchases AS (
  SELECT e.customer_id,
    count(*) AS n,
    avg(e.amount_cents) AS avg_order,
    -- CASE, not AND: Postgres may evaluate AND operands in any order, and the cast must not see junk.
    count(*) FILTER (WHERE e.extra->>'coupon' IS NOT NULL
      OR CASE WHEN e.extra->>'discount_cents' ~ '^[0-9]+(\\.[0-9]+)?$' THEN (e.extra->>'discount_cents')::numeric > 0 ELSE false END) AS discounted,
    avg(CASE WHEN l.list_price > 0 THEN greatest(0, (l.list_price - e.amount_cents) / l.list_price) END) AS discount_depth
  FROM events e
 
  LEFT JOIN products pr ON pr.id = e.product_id
  CROSS JOIN LATERAL (
    SELECT coalesce(CASE WHEN e.extra->>'list_price_cents' ~ '^[0-9]+$' THEN (e.extra->>'list_price_cents')::numeric END, pr.price_cents)::float8 AS list_price
  ) l
  WHERE e.type = 'purchase' AND e.occurred_at <= ${p.as_of} AND ${inChunk("e.customer_id")}
  GROUP BY e.customer_id
),
courses AS (
  SELECT e.customer_id, e.product_id,
    max(CASE WHEN e.type = 'complete' THEN 1 ELSE least(1, greatest(0, e.progress)) END) AS best,
    max(CASE WHEN e.type = 'complete' THEN 1 ELSE least(1, greatest(0, e.progress)) END) FILTER (WHERE e.occurred_at <= ${p.d30}) AS best_before,
    bool_or(e.type = 'complete') AS completed,
    max(e.occurred_at) AS last_at
  FROM events e
  WHERE e.type IN ('progress', 'complete') AND e.product_id IS NOT NULL AND e.occurred_at <= ${p.as_of} AND ${inChunk("e.customer_id")}
  GROUP BY e.customer_id, e.product_id
),
learning AS (
  SELECT c.customer_id,
    count(*) AS started,
    count(*) FILTER (WHERE c.completed OR c.best >= 1) AS completed,
    sum(coalesce(c.best, 0) - coalesce(c.best_before, 0)) / (30 / 7.0) AS velocity,
    max(c.last_at) AS last_learning,
    count(*) FILTER (WHERE NOT c.completed AND coalesce(c.best, 0) < 1 AND c.last_at <= ${p.stalled_before}) AS stalled
  FROM courses c
  GROUP BY c.customer_id
),
subscription AS (
  SELECT DISTINCT ON (e.customer_id) e.customer_id,
    CASE WHEN e.type = 'cancel' THEN 'cancelled'
         WHEN e.occurred_at > ${p.sub_active_after} THEN 'active'
         ELSE 'lapsed' END AS status
  FROM events e
  WHERE e.type IN ('subscribe', 'renew', 'cancel') AND e.occurred_at <= ${p.as_of} AND ${inChunk("e.customer_id")}
  ORDER BY e.customer_id, e.occurred_at DESC, (e.type = 'cancel') DESC
),
category_weights AS (
  SELECT e.customer_id, pr.category,
    sum(CASE e.type WHEN 'purchase' THEN 5 WHEN 'subscribe' THEN 5 WHEN 'enrol' THEN 3 WHEN 'add_to_cart' THEN 3
                    WHEN 'click' THEN 2 ELSE 1 END)::float8 AS weight
  FROM events e
 
  JOIN products pr ON pr.id = e.product_id
  WHERE e.type IN ('view', 'click', 'add_to_cart', 'purchase', 'enrol', 'progress', 'subscribe') AND e.occurred_at <= ${p.as_of} AND ${inChunk("e.customer_id")}
  GROUP BY e.customer_id, pr.category
),
category_ranked AS (
  SELECT customer_id, category,
    weight / sum(weight) OVER (PARTITION BY customer_id) AS share,
    row_number() OVER (PARTITION BY customer_id ORDER BY weight DESC, category) AS rank
  FROM category_weights
),
top_categories AS (
  SELECT customer_id, jsonb_agg(jsonb_build_object('category', category, 'share', round(share::numeric, 4)) ORDER BY rank) AS top
  FROM category_ranked WHERE rank <= 3
  GROUP BY customer_id
),
base AS (
  SELECT c.id AS customer_id,
    ${p.as_of} AS as_of,
    CASE WHEN a.last_transaction IS NOT NULL THEN extract(epoch FROM ${p.as_of} - a.last_transaction) / 86400 END AS recency_days,
    coalesce(a.frequency, 0) AS frequency,
    coalesce(a.monetary, 0) AS monetary,
    CASE WHEN coalesce(c.signup_at, a.first_event) IS NOT NULL
         THEN greatest(0, extract(epoch FROM ${p.as_of} - coalesce(c.signup_at, a.first_event)) / 86400) END AS tenure_days,
    a.sessions_7d, a.sessions_30d, a.sessions_90d, a.minutes_7d, a.minutes_30d, a.minutes_90d,
    ad.days AS active_days_30d,
    pu.n AS purchase_count, pu.avg_order, pu.discounted, pu.discount_depth,
    a.refunds, a.avg_rating, a.renewals,
    l.started, l.completed, l.velocity, l.last_learning, l.stalled,
    s.status AS subscription_status,
    tc.top AS top_categories
  FROM customers c
 
  LEFT JOIN activity a ON a.customer_id = c.id
  LEFT JOIN active_days ad ON ad.customer_id = c.id
  LEFT JOIN purchases pu ON pu.customer_id = c.id
  LEFT JOIN learning l ON l.customer_id = c.id
  LEFT JOIN subscription s ON s.customer_id = c.id
  LEFT JOIN top_categories tc ON tc.customer_id = c.id
  WHERE ${notErased("c")} AND ${inChunk("c.id")}
),
inserted AS (
  INSERT INTO feature_build_rows (build_id, ${FEATURE_COLUMNS})
  SELECT ${chunk.buildId}, b.customer_id, now(), b.as_of, b.recency_days, b.frequency, b.monetary,
    NULL, NULL, NULL, b.tenure_days,
    coalesce(b.sessions_7d, 0), coalesce(b.sessions_30d, 0), coalesce(b.sessions_90d, 0),
    coalesce(b.minutes_7d, 0), coalesce(b.minutes_30d, 0), coalesce(b.minutes_90d, 0), coalesce(b.active_days_30d, 0),
    coalesce(b.purchase_count, 0),
    b.avg_order,
    CASE WHEN b.purchase_count > 0 THEN b.discounted::float8 / b.purchase_count END,
    CASE WHEN b.purchase_count > 0 THEN coalesce(b.refunds, 0)::float8 / b.purchase_count END,
    CASE WHEN b.started > 0 THEN b.completed::float8 / b.started END,
    b.velocity,
    CASE WHEN b.last_learning IS NOT NULL THEN extract(epoch FROM b.as_of - b.last_learning) / 86400 END,
    coalesce(b.stalled, 0),
    b.avg_rating,
    NULL,
    coalesce(b.top_categories, '[]'::jsonb),
    b.subscription_status,
    coalesce(b.renewals, 0),
    b.discount_depth,
    '{}'::jsonb
  FROM base b
  RETURNING 1
)
SELECT count(*) AS inserted FROM inserted`,
  );
  return Number(rows[0]?.inserted ?? 0);
}

/** Distinct review texts: scored once each in TypeScript (the lexicon lives there, not in SQL). */
export async function distinctReviewTexts(db: Db, asOf: Date): Promise<string[]> {
  const rows = await selectRows<{ text: string }>(
    db,
    sql`SELECT DISTINCT review_text AS text FROM events
        WHERE type = 'rate' AND review_text IS NOT NULL AND btrim(review_text) <> '' AND occurred_at <= ${asOf.toISOString()}::timestamptz`,
  );
  return rows.map((row) => row.text);
}

/** review_sentiment = mean score of the customer's reviews; null for customers without one. */
export async function applyReviewSentiment(
  db: Db,
  asOf: Date,
  scored: ReadonlyArray<{ text: string; score: number }>,
  buildId: string,
): Promise<number> {
  if (scored.length === 0) return 0;
  const rows = await selectRows<{ updated: number | string }>(
    db,
    sql`
WITH scores AS (
  SELECT t.text, t.score FROM jsonb_to_recordset(${JSON.stringify(scored)}::jsonb) AS t(text text, score float8)
),
per_customer AS (
  SELECT e.customer_id, avg(s.score) AS sentiment
  FROM events e JOIN scores s ON s.text = e.review_text
  WHERE e.type = 'rate' AND e.occurred_at <= ${asOf.toISOString()}::timestamptz
  GROUP BY e.customer_id
),
updated AS (
  UPDATE feature_build_rows f SET review_sentiment = pc.sentiment
  FROM per_customer pc WHERE f.build_id = ${buildId} AND f.customer_id = pc.customer_id
  RETURNING 1
)
SELECT count(*) AS updated FROM updated`,
  );
  return Number(rows[0]?.updated ?? 0);
}
