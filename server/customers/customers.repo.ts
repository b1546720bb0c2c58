import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { activeRunId, notErased, selectRows } from "../db";
import { RISK_THRESHOLDS, type CustomerSort, type ListCustomersInput } from "./customers.schemas";

export interface CustomerListRow extends Record<string, unknown> {
  id: number;
  externalId: string;
  displayName: string | null;
  email: string | null;
  phone: string | null;
  signupAt: Date | null;
  channel: string | null;
  region: string | null;
  cityTier: number | null;
  ageBand: string | null;
  device: string | null;
  consent: boolean;
  recencyDays: number | null;
  frequency: number | null;
  monetaryCents: number | null;
  rScore: number | null;
  fScore: number | null;
  mScore: number | null;
  risk: number | null;
}

/** The run whose scores are "risk": the active, succeeded churn model, if there is one. */
export async function findActiveChurnRun(db: Db): Promise<string | null> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`SELECT ${activeRunId("churn")} AS id`,
  );
  return rows[0]?.id ?? null;
}

/** Paging goes at most this deep: offsets stay cheap; past it, people narrow filters or sort. */
export const MAX_BROWSE_ROWS = 10_000;

const SORT_COLUMNS: Record<CustomerSort, SQL[]> = {
  externalId: [sql`c.external_id`],
  signupAt: [sql`c.signup_at`],
  channel: [sql`c.acquisition_channel`],
  region: [sql`c.region`],
  cityTier: [sql`c.city_tier`],
  ageBand: [sql`c.age_band`],
  device: [sql`c.device`],
  consent: [sql`c.marketing_consent`],
  recencyDays: [sql`f.recency_days`],
  frequency: [sql`f.frequency`],
  monetaryCents: [sql`f.monetary_cents`],
  rfm: [sql`f.r_score`, sql`f.f_score`, sql`f.m_score`],
  risk: [sql`s.score`],
};

/** Sorting by a feature lists customers that have a value for it (all after a refresh, for non-null ones). */
const FEATURE_SORTS: Partial<Record<CustomerSort, SQL | null>> = {
  recencyDays: sql`f.recency_days IS NOT NULL`,
  frequency: null,
  monetaryCents: null,
  rfm: sql`f.r_score IS NOT NULL`,
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

interface Plan {
  /** The fewest tables that decide which customers match and in what order. */
  coreFrom: SQL;
  coreWhere: SQL;
  /** The customer id as the core query knows it (from the table that drives the order). */
  key: SQL;
}

function and(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` AND `);
}

const CUSTOMER_SORTS: ReadonlySet<CustomerSort> = new Set(["externalId", "signupAt", "channel", "region", "cityTier", "ageBand", "device", "consent"]);

/**
 * Matching and ordering run on the fewest tables (a "core" query that returns 25 ids), and only
 * those 25 rows are joined for display. Sorting or filtering by a feature (or by risk) reads the
 * feature or score table and walks its index. Feature and score rows only ever exist for
 * customers not erased (erasure deletes them in the same transaction, the refresh skips erased
 * customers), so without a customer-attribute condition the customers table is not needed at all.
 */
function plan(query: ListCustomersInput, runId: string | null): Plan {
  const customerConditions: SQL[] = [];
  const featureConditions: SQL[] = [];
  const scoreConditions: SQL[] = [];
  if (query.search) {
    // LIKE states the meaning; the range lets a plain btree index answer it in any collation
    // that orders by code point (C, C.UTF-8, PGlite's default).
    const prefix = query.search;
    customerConditions.push(sql`c.external_id LIKE ${`${escapeLike(prefix)}%`} AND c.external_id >= ${prefix} AND c.external_id < ${`${prefix}\u{10FFFF}`}`);
  }
  if (query.channel) customerConditions.push(sql`c.acquisition_channel = ${query.channel}`);
  if (query.region) customerConditions.push(sql`c.region = ${query.region}`);
  if (query.cityTier !== undefined) customerConditions.push(sql`c.city_tier = ${query.cityTier}`);
  if (query.ageBand) customerConditions.push(sql`c.age_band = ${query.ageBand}`);
  if (query.device) customerConditions.push(sql`c.device = ${query.device}`);
  if (query.consent !== undefined) customerConditions.push(sql`c.marketing_consent = ${query.consent}`);
  if (query.segmentId) {
    customerConditions.push(sql`EXISTS (SELECT 1 FROM segment_members sm WHERE sm.segment_id = ${query.segmentId} AND sm.customer_id = c.id)`);
  }
  if (query.rScore) featureConditions.push(sql`f.r_score = ${query.rScore}`);
  if (query.fScore) featureConditions.push(sql`f.f_score = ${query.fScore}`);
  if (query.mScore) featureConditions.push(sql`f.m_score = ${query.mScore}`);
  const sortCondition = FEATURE_SORTS[query.sort];
  if (sortCondition) featureConditions.push(sortCondition);
  if (query.risk && runId) {
    if (query.risk === "low") scoreConditions.push(sql`s.score < ${RISK_THRESHOLDS.medium}`);
    else if (query.risk === "medium") scoreConditions.push(sql`s.score >= ${RISK_THRESHOLDS.medium} AND s.score < ${RISK_THRESHOLDS.high}`);
    else scoreConditions.push(sql`s.score >= ${RISK_THRESHOLDS.high}`);
  }

  const needsFeatures = query.sort in FEATURE_SORTS || featureConditions.length > 0;
  const needsScores = runId !== null && (query.sort === "risk" || Boolean(query.risk));
  const needsCustomers = customerConditions.length > 0 || CUSTOMER_SORTS.has(query.sort) || (!needsFeatures && !needsScores);
  const run = sql`${runId ?? "00000000-0000-0000-0000-000000000000"}::uuid`;
  const conditions = [...customerConditions, ...featureConditions, ...scoreConditions];

  if (needsCustomers) {
    const parts = [sql`customers c`];
    if (needsFeatures) parts.push(sql`JOIN customer_features f ON f.customer_id = c.id`);
    if (needsScores) parts.push(sql`JOIN customer_scores s ON s.model_run_id = ${run} AND s.customer_id = c.id`);
    return { coreFrom: sql.join(parts, sql` `), coreWhere: and([notErased("c"), ...conditions]), key: sql`c.id` };
  }
  if (needsFeatures) {
    const from = needsScores ? sql`customer_features f JOIN customer_scores s ON s.model_run_id = ${run} AND s.customer_id = f.customer_id` : sql`customer_features f`;
    return { coreFrom: from, coreWhere: and(conditions), key: sql`f.customer_id` };
  }
  return { coreFrom: sql`customer_scores s`, coreWhere: and([sql`s.model_run_id = ${run}`, ...conditions]), key: sql`s.customer_id` };
}

export async function listCustomerRows(db: Db, query: ListCustomersInput, runId: string | null) {
  // Without an active churn model there is no risk to filter or sort by: nothing matches.
  if ((query.risk || query.sort === "risk") && !runId) return { rows: [] as CustomerListRow[], total: 0, more: false };
  const { coreFrom, coreWhere, key } = plan(query, runId);
  const direction = query.direction === "asc" ? sql`ASC` : sql`DESC`;
  const columns = SORT_COLUMNS[query.sort];
  const coreOrder = sql.join([...columns.map((column) => sql`${column} ${direction}`), sql`${key} ${direction}`], sql`, `);
  const pageOrder = sql.join([...columns.map((column) => sql`${column} ${direction}`), sql`c.id ${direction}`], sql`, `);
  const offset = (query.page - 1) * query.pageSize;
  const run = sql`${runId ?? "00000000-0000-0000-0000-000000000000"}::uuid`;
  const [rows, totals] = await Promise.all([
    selectRows<CustomerListRow>(
      db,
      sql`SELECT c.id::float8 AS "id", c.external_id AS "externalId", c.display_name AS "displayName", c.email, c.phone,
                 c.signup_at AS "signupAt", c.acquisition_channel AS "channel", c.region, c.city_tier AS "cityTier",
                 c.age_band AS "ageBand", c.device, c.marketing_consent AS "consent",
                 f.recency_days AS "recencyDays", f.frequency, f.monetary_cents::float8 AS "monetaryCents",
                 f.r_score AS "rScore", f.f_score AS "fScore", f.m_score AS "mScore", s.score AS "risk"
          FROM (SELECT ${key} AS id FROM ${coreFrom} WHERE ${coreWhere} ORDER BY ${coreOrder} LIMIT ${query.pageSize} OFFSET ${offset}) page
          JOIN customers c ON c.id = page.id
          LEFT JOIN customer_features f ON f.customer_id = c.id
          LEFT JOIN customer_scores s ON s.model_run_id = ${run} AND s.customer_id = c.id
          ORDER BY ${pageOrder}`,
    ),
    // Counting stops one past the browsable depth: an exact count of a broad filter over a
    // million customers would cost more than the page itself and could not be paged through anyway.
    selectRows<{ total: number | string }>(
      db,
      sql`SELECT count(*)::float8 AS total FROM (SELECT 1 FROM ${coreFrom} WHERE ${coreWhere} LIMIT ${MAX_BROWSE_ROWS + 1}) capped`,
    ),
  ]);
  const counted = Number(totals[0]?.total ?? 0);
  return { rows: rows.map(normaliseRow), total: Math.min(counted, MAX_BROWSE_ROWS), more: counted > MAX_BROWSE_ROWS };
}

function normaliseRow(row: CustomerListRow): CustomerListRow {
  return {
    ...row,
    id: Number(row.id),
    signupAt: row.signupAt ? new Date(row.signupAt) : null,
    monetaryCents: row.monetaryCents === null ? null : Number(row.monetaryCents),
  };
}

const DISTINCT_COLUMNS = {
  channel: "acquisition_channel",
  region: "region",
  cityTier: "city_tier",
  ageBand: "age_band",
  device: "device",
} as const;
export type FilterColumn = keyof typeof DISTINCT_COLUMNS;

/**
 * Distinct values of an indexed column by a "loose index scan": one index probe per value, so
 * it stays instant at a million customers where SELECT DISTINCT would read the whole index.
 */
export async function distinctValues(db: Db, column: FilterColumn): Promise<Array<string | number>> {
  const name = sql.raw(DISTINCT_COLUMNS[column]);
  const rows = await selectRows<{ value: string | number }>(
    db,
    sql`WITH RECURSIVE walk(value) AS (
          (SELECT ${name} FROM customers WHERE ${name} IS NOT NULL ORDER BY ${name} LIMIT 1)
          UNION ALL
          SELECT (SELECT ${name} FROM customers WHERE ${name} IS NOT NULL AND ${name} > walk.value ORDER BY ${name} LIMIT 1)
          FROM walk WHERE walk.value IS NOT NULL)
        SELECT value FROM walk WHERE value IS NOT NULL LIMIT 500`,
  );
  return rows.map((row) => row.value);
}

export async function listSegmentsForFilter(db: Db) {
  return selectRows<{ id: string; name: string; memberCount: number | null }>(
    db,
    sql`SELECT id, name, member_count AS "memberCount" FROM segments WHERE archived_at IS NULL ORDER BY name LIMIT 500`,
  );
}
