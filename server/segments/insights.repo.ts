import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { notErased, selectRows } from "../db";
import { FEATURE_FIELDS, PROFILE_FEATURES, type ProfileFeature } from "./fields.sql";

export { PROFILE_FEATURES, type ProfileFeature };

export const HISTOGRAM_BINS = 10;

const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface FeatureStatRow {
  key: ProfileFeature;
  member: boolean;
  n: number;
  mean: number;
  sd: number;
  lo: number;
  hi: number;
}

export interface FeatureBinRow {
  key: ProfileFeature;
  member: boolean;
  bin: number;
  n: number;
}

/** Customers (not erased) with their features and a member flag: what the profile aggregates over. */
function profileBase(segmentId: string): SQL {
  return sql`FROM customers c JOIN customer_features f ON f.customer_id = c.id
    LEFT JOIN segment_members sm ON sm.segment_id = ${segmentId}::uuid AND sm.customer_id = c.id
    WHERE ${notErased("c")}`;
}

/** Whether the customer in `customerId` had any event in (since, until]: one index-only probe. */
const activeBetween = (customerId: SQL, since: SQL, until: SQL) =>
  sql`EXISTS (SELECT 1 FROM events a WHERE a.customer_id = ${customerId} AND a.occurred_at > ${since} AND a.occurred_at <= ${until})`;

const featureValue = (name: ProfileFeature) => sql`(${FEATURE_FIELDS[name].expr})::float8`;

/**
 * Per (feature, member flag): count, mean, sample SD and the population's range, in one pass over
 * one row per customer with every feature a column (rather than one row per customer and
 * feature, 25× as many rows to aggregate).
 */
export async function featureProfileRows(db: Db, segmentId: string): Promise<FeatureStatRow[]> {
  const momentColumns = sql.join(
    PROFILE_FEATURES.map((name, i) => {
      const v = featureValue(name);
      return sql`count(${v})::int AS ${sql.raw(`n${i}`)}, avg(${v}) AS ${sql.raw(`m${i}`)}, coalesce(stddev_samp(${v}), 0) AS ${sql.raw(`s${i}`)}, min(${v}) AS ${sql.raw(`lo${i}`)}, max(${v}) AS ${sql.raw(`hi${i}`)}`;
    }),
    sql`, `,
  );
  const moments = await selectRows<Record<string, unknown>>(db, sql`SELECT (sm.customer_id IS NOT NULL) AS member, ${momentColumns} ${profileBase(segmentId)} GROUP BY 1`);
  const ranges = PROFILE_FEATURES.map((_, i) => {
    const los = moments.map((row) => row[`lo${i}`]).filter((v) => v !== null && v !== undefined).map(Number);
    const his = moments.map((row) => row[`hi${i}`]).filter((v) => v !== null && v !== undefined).map(Number);
    return los.length ? { lo: Math.min(...los), hi: Math.max(...his) } : null;
  });
  const stats: FeatureStatRow[] = [];
  for (const row of moments) {
    PROFILE_FEATURES.forEach((key, i) => {
      const range = ranges[i];
      const n = num(row[`n${i}`]);
      if (!range || n === 0) return;
      stats.push({ key, member: row.member === true, n, mean: num(row[`m${i}`]), sd: num(row[`s${i}`]), lo: range.lo, hi: range.hi });
    });
  }
  return stats;
}

/**
 * Counts per equal-width bin of one feature's population range, for members and for the rest.
 * One feature at a time, as the drill-down draws them: binning every feature on every request
 * cost three times the moments at 100,000 customers.
 */
export async function featureBinRows(db: Db, segmentId: string, key: ProfileFeature, range: { lo: number; hi: number }): Promise<FeatureBinRow[]> {
  const v = featureValue(key);
  const bucket =
    range.hi === range.lo
      ? sql`0`
      : sql`least(floor((${v} - ${range.lo}::float8) / (${range.hi}::float8 - ${range.lo}::float8) * ${HISTOGRAM_BINS}), ${HISTOGRAM_BINS - 1})::int`;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT (sm.customer_id IS NOT NULL) AS member, ${bucket} AS bin, count(*)::int AS n ${profileBase(segmentId)} AND ${v} IS NOT NULL GROUP BY 1, 2`,
  );
  return rows.map((row) => ({ key, member: row.member === true, bin: num(row.bin), n: num(row.n) }));
}

export interface KpiRow {
  member: boolean;
  customers: number;
  buyers: number;
  revenueCents: number;
  activeRecently: number;
  subscribers: number;
  renewers: number;
  churnScoreMean: number | null;
}

/**
 * Per-customer outcome flags, aggregated for members and for everyone (not erased). "Recently"
 * is the 30 days up to the data's as-of time. Conversion, revenue and renewal come from one
 * index-only pass over the outcome events (a few per cent of all); "active" is one index probe
 * per customer, which at 100,000 customers beats collecting the window's distinct customers
 * (the last 30 days can hold a fifth of all events).
 */
export async function kpiRows(db: Db, segmentId: string, asOf: Date, churnRunId: string | null): Promise<KpiRow[]> {
  const until = sql`${asOf.toISOString()}::timestamptz`;
  const since = sql`(${until} - interval '30 days')`;
  const churnJoin = churnRunId ? sql`LEFT JOIN customer_scores s ON s.model_run_id = ${churnRunId}::uuid AND s.customer_id = c.id` : sql``;
  const churn = churnRunId ? sql`s.score` : sql`NULL::real`;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`WITH typed AS (
          SELECT e.customer_id,
            bool_or(e.type = 'purchase') AS buyer,
            sum(CASE WHEN e.type = 'refund' THEN -e.amount_cents WHEN e.type = 'purchase' THEN e.amount_cents END) AS revenue,
            bool_or(e.type = 'subscribe') AS subscriber,
            bool_or(e.type = 'renew') AS renewer
          FROM events e WHERE e.type IN ('purchase', 'refund', 'subscribe', 'renew') GROUP BY e.customer_id),
        per AS (
          SELECT (sm.customer_id IS NOT NULL) AS member, coalesce(t.buyer, false) AS buyer, coalesce(t.revenue, 0) AS revenue,
            ${activeBetween(sql`c.id`, since, until)} AS active,
            coalesce(t.subscriber, false) AS subscriber, coalesce(t.renewer, false) AS renewer,
            ${churn} AS churn
          FROM customers c
          LEFT JOIN segment_members sm ON sm.segment_id = ${segmentId}::uuid AND sm.customer_id = c.id
          LEFT JOIN typed t ON t.customer_id = c.id
          ${churnJoin}
          WHERE ${notErased("c")})
        SELECT member, count(*)::int AS customers, count(*) FILTER (WHERE buyer)::int AS buyers, sum(revenue)::float8 AS revenue,
               count(*) FILTER (WHERE active)::int AS active, count(*) FILTER (WHERE subscriber)::int AS subscribers,
               count(*) FILTER (WHERE subscriber AND renewer)::int AS renewers, avg(churn)::float8 AS churn
        FROM per GROUP BY member`,
  );
  return rows.map((row) => ({
    member: row.member === true,
    customers: num(row.customers),
    buyers: num(row.buyers),
    revenueCents: num(row.revenue),
    activeRecently: num(row.active),
    subscribers: num(row.subscribers),
    renewers: num(row.renewers),
    churnScoreMean: numOrNull(row.churn),
  }));
}

export interface TopRow {
  id: number;
  label: string;
  labelZh: string;
  buyers: number;
  revenueCents: number;
}

export async function topProducts(db: Db, segmentId: string, limit = 10): Promise<TopRow[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT p.id, p.title_en, p.title_zh, count(DISTINCT e.customer_id)::int AS buyers, coalesce(sum(e.amount_cents), 0)::float8 AS revenue
        FROM segment_members sm JOIN customers c ON c.id = sm.customer_id AND ${notErased("c")}
        JOIN events e ON e.customer_id = sm.customer_id AND e.type = 'purchase' JOIN products p ON p.id = e.product_id
        WHERE sm.segment_id = ${segmentId}::uuid GROUP BY p.id, p.title_en, p.title_zh ORDER BY buyers DESC, revenue DESC, p.id LIMIT ${limit}`,
  );
  return rows.map((row) => ({ id: num(row.id), label: String(row.title_en), labelZh: String(row.title_zh), buyers: num(row.buyers), revenueCents: num(row.revenue) }));
}

export async function topCategories(db: Db, segmentId: string, limit = 10): Promise<Array<{ category: string; buyers: number; revenueCents: number }>> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT p.category, count(DISTINCT e.customer_id)::int AS buyers, coalesce(sum(e.amount_cents), 0)::float8 AS revenue
        FROM segment_members sm JOIN customers c ON c.id = sm.customer_id AND ${notErased("c")}
        JOIN events e ON e.customer_id = sm.customer_id AND e.type = 'purchase' JOIN products p ON p.id = e.product_id
        WHERE sm.segment_id = ${segmentId}::uuid GROUP BY p.category ORDER BY buyers DESC, revenue DESC, p.category LIMIT ${limit}`,
  );
  return rows.map((row) => ({ category: String(row.category), buyers: num(row.buyers), revenueCents: num(row.revenue) }));
}

/** Each member's basket: the distinct products they ever bought. */
export async function memberBaskets(db: Db, segmentId: string): Promise<number[][]> {
  const rows = await selectRows<{ items: unknown }>(
    db,
    sql`SELECT array_agg(DISTINCT e.product_id ORDER BY e.product_id) AS items
        FROM segment_members sm JOIN customers c ON c.id = sm.customer_id AND ${notErased("c")}
        JOIN events e ON e.customer_id = sm.customer_id AND e.type = 'purchase' AND e.product_id IS NOT NULL
        WHERE sm.segment_id = ${segmentId}::uuid GROUP BY sm.customer_id`,
  );
  return rows.map((row) => (Array.isArray(row.items) ? row.items.map(Number) : parsePgArray(String(row.items))));
}

function parsePgArray(text: string): number[] {
  return text.replace(/[{}]/g, "").split(",").filter(Boolean).map(Number);
}

export async function productTitles(db: Db, ids: readonly number[]): Promise<Map<number, { en: string; zh: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT id, title_en, title_zh FROM products WHERE id = ANY(string_to_array(${ids.join(",")}, ',')::int[])`,
  );
  return new Map(rows.map((row) => [num(row.id), { en: String(row.title_en), zh: String(row.title_zh) }]));
}

/**
 * Scores of a run with the observed outcome in the 30 days up to the as-of time: for churn the
 * label is 1 when the customer had no event at all in that window, for propensity 1 when they
 * purchased in it. `member` says whether the customer is in the segment.
 */
export async function scoredOutcomes(db: Db, segmentId: string, runId: string, task: "churn" | "propensity", asOf: Date) {
  const since = sql`(${asOf.toISOString()}::timestamptz - interval '30 days')`;
  const until = sql`${asOf.toISOString()}::timestamptz`;
  // Churn: one index-only probe per scored customer (any event in the window). Propensity: the
  // window's purchasers once, as a hashed set, from the (type, time, customer) index; probing
  // each customer's events for a purchase would read every event of the window from the heap.
  const label =
    task === "churn"
      ? sql`NOT ${activeBetween(sql`s.customer_id`, since, until)}`
      : sql`(s.customer_id IN (SELECT e.customer_id FROM events e WHERE e.type = 'purchase' AND e.occurred_at > ${since} AND e.occurred_at <= ${until}))`;
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT s.score, ${label} AS label, (sm.customer_id IS NOT NULL) AS member
        FROM customer_scores s JOIN customers c ON c.id = s.customer_id AND ${notErased("c")}
        LEFT JOIN segment_members sm ON sm.segment_id = ${segmentId}::uuid AND sm.customer_id = s.customer_id
        WHERE s.model_run_id = ${runId}::uuid AND s.score IS NOT NULL`,
  );
  return rows.map((row) => ({ score: num(row.score), label: row.label === true ? 1 : 0, member: row.member === true }));
}

export async function memberPage(db: Db, segmentId: string, page: number, pageSize: number) {
  const where = sql`sm.segment_id = ${segmentId}::uuid AND ${notErased("c")}`;
  const [rows, totals] = await Promise.all([
    selectRows<Record<string, unknown>>(
      db,
      sql`SELECT c.id, c.external_id, c.display_name, c.region, c.acquisition_channel, f.recency_days, f.frequency, f.monetary_cents, f.r_score, f.f_score, f.m_score
          FROM segment_members sm JOIN customers c ON c.id = sm.customer_id LEFT JOIN customer_features f ON f.customer_id = c.id
          WHERE ${where} ORDER BY c.external_id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    ),
    selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM segment_members sm JOIN customers c ON c.id = sm.customer_id WHERE ${where}`),
  ]);
  return {
    rows: rows.map((row) => ({
      id: num(row.id),
      externalId: String(row.external_id),
      displayName: (row.display_name as string | null) ?? null,
      region: (row.region as string | null) ?? null,
      channel: (row.acquisition_channel as string | null) ?? null,
      recencyDays: numOrNull(row.recency_days),
      frequency: numOrNull(row.frequency),
      monetaryCents: numOrNull(row.monetary_cents),
      rScore: numOrNull(row.r_score),
      fScore: numOrNull(row.f_score),
      mScore: numOrNull(row.m_score),
    })),
    total: num(totals[0]?.n),
    page,
    pageSize,
  };
}

export async function campaignsTargeting(db: Db, segmentId: string) {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT id, name, status, goal, channel, starts_at, ends_at FROM campaigns WHERE segment_id = ${segmentId}::uuid ORDER BY created_at DESC LIMIT 50`,
  );
  return rows.map((row) => ({
    id: String(row.id),
    name: String(row.name),
    status: String(row.status),
    goal: String(row.goal),
    channel: String(row.channel),
    startsAt: row.starts_at ? new Date(row.starts_at as string).toISOString() : null,
    endsAt: row.ends_at ? new Date(row.ends_at as string).toISOString() : null,
  }));
}

export async function populationSize(db: Db): Promise<number> {
  const rows = await selectRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM customers WHERE ${notErased()}`);
  return num(rows[0]?.n);
}
