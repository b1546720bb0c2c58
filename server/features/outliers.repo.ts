import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db";
import { FEATURES_AS_OF, notErased, selectRows } from "../db";
import { OUTLIER_FEATURES, type CapCounts, type FeatureDistribution, type OutlierFeature } from "./outliers";

// Column names come from the fixed list above, never from input, so sql.raw is safe here.
const col = (feature: OutlierFeature): SQL => sql.raw(`f.${feature}`);
const alias = (feature: OutlierFeature, what: string): SQL => sql.raw(`"${feature}__${what}"`);
const FROM_LIVE_FEATURES = sql`FROM customer_features f JOIN customers c ON c.id = f.customer_id WHERE ${notErased("c")}`;

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * First pass over the live features: per numeric feature, the count of non-missing values, the
 * range and the 95th and 99th percentiles (percentile_cont: linear interpolation, the same rule
 * model training caps with), in one scan on either engine.
 */
export async function featureDistributions(db: Db): Promise<{ asOf: Date | null; customers: number; distributions: FeatureDistribution[] }> {
  const columns = sql.join(
    OUTLIER_FEATURES.map(
      (feature) => sql`count(${col(feature)})::float8 AS ${alias(feature, "n")},
        min(${col(feature)})::float8 AS ${alias(feature, "min")},
        max(${col(feature)})::float8 AS ${alias(feature, "max")},
        percentile_cont(0.95) WITHIN GROUP (ORDER BY ${col(feature)}) AS ${alias(feature, "p95")},
        percentile_cont(0.99) WITHIN GROUP (ORDER BY ${col(feature)}) AS ${alias(feature, "p99")}`,
    ),
    sql`, `,
  );
  const rows = await selectRows<Record<string, unknown>>(db, sql`SELECT count(*)::float8 AS customers, ${FEATURES_AS_OF} AS as_of, ${columns} ${FROM_LIVE_FEATURES}`);
  const row = rows[0] ?? {};
  const asOf = row.as_of ? new Date(row.as_of as string | Date) : null;
  return {
    asOf,
    customers: num(row.customers) ?? 0,
    distributions: OUTLIER_FEATURES.map((feature) => ({
      feature,
      count: num(row[`${feature}__n`]) ?? 0,
      min: num(row[`${feature}__min`]),
      max: num(row[`${feature}__max`]),
      p95: num(row[`${feature}__p95`]),
      p99: num(row[`${feature}__p99`]),
    })),
  };
}

/** Second pass: per feature, how many values lie strictly above its 95th and 99th percentile caps. */
export async function countAboveCaps(db: Db, caps: ReadonlyArray<{ feature: OutlierFeature; p95: number; p99: number }>): Promise<Map<OutlierFeature, CapCounts>> {
  if (caps.length === 0) return new Map();
  const columns = sql.join(
    caps.map(
      ({ feature, p95, p99 }) => sql`count(*) FILTER (WHERE ${col(feature)} > ${p95}::float8)::float8 AS ${alias(feature, "above95")},
        count(*) FILTER (WHERE ${col(feature)} > ${p99}::float8)::float8 AS ${alias(feature, "above99")}`,
    ),
    sql`, `,
  );
  const rows = await selectRows<Record<string, unknown>>(db, sql`SELECT ${columns} ${FROM_LIVE_FEATURES}`);
  const row = rows[0] ?? {};
  return new Map(caps.map(({ feature }) => [feature, { above95: num(row[`${feature}__above95`]) ?? 0, above99: num(row[`${feature}__above99`]) ?? 0 }] as const));
}
