import { sql } from "drizzle-orm";
import type { Db } from "../db";
import { activeRunId, notErased, selectRows } from "../db";
import { customerFilter, type KpiFilters } from "./filters.sql";

export interface ActiveChurnRun {
  id: string;
  version: number;
  algorithm: string;
  activatedAt: Date | null;
  threshold: number | null;
}

export async function findActiveChurnRun(db: Db): Promise<ActiveChurnRun | null> {
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT id, version, algorithm, activated_at, artifact->>'threshold' AS threshold
        FROM model_runs WHERE id = ${activeRunId("churn")}`,
  );
  if (!row) return null;
  const threshold = row.threshold === null || row.threshold === undefined ? null : Number(row.threshold);
  return {
    id: String(row.id),
    version: Number(row.version),
    algorithm: String(row.algorithm),
    activatedAt: row.activated_at ? new Date(String(row.activated_at)) : null,
    threshold: threshold !== null && Number.isFinite(threshold) ? threshold : null,
  };
}

export interface RiskRow {
  customerId: number;
  externalId: string;
  displayName: string | null;
  channel: string | null;
  score: number;
  detail: unknown;
  valueCents: number;
}

type Filter = Pick<KpiFilters, "segmentId" | "channel">;

/**
 * The riskiest scored customers of a run (erased customers excluded), with their value at stake:
 * net revenue over the twelve months up to the latest rolled-up month (scores are "as of now" too).
 */
export async function riskiestCustomers(db: Db, runId: string, filters: Filter, limit: number, offset = 0): Promise<RiskRow[]> {
  const rows = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT top.*, coalesce(f.trailing_net_cents, 0) AS value_cents
        FROM (
          SELECT s.customer_id, s.score, s.detail, c.external_id, c.display_name, c.acquisition_channel
          FROM customer_scores s JOIN customers c ON c.id = s.customer_id
          WHERE s.model_run_id = ${runId}::uuid AND s.score IS NOT NULL AND ${notErased("c")}
            AND ${customerFilter(filters, sql`s.customer_id`)}
          ORDER BY s.score DESC, s.customer_id
          LIMIT ${limit} OFFSET ${offset}
        ) top LEFT JOIN kpi_customer_first f ON f.customer_id = top.customer_id
        ORDER BY top.score DESC, top.customer_id`,
  );
  return rows.map((r) => ({
    customerId: Number(r.customer_id),
    externalId: String(r.external_id),
    displayName: r.display_name === null ? null : String(r.display_name),
    channel: r.acquisition_channel === null ? null : String(r.acquisition_channel),
    score: Number(r.score),
    detail: r.detail,
    valueCents: Number(r.value_cents ?? 0),
  }));
}

/**
 * How many customers the run scored under these filters, how many sit at or above the threshold,
 * and the combined value at stake of the latter.
 */
export async function atRiskSummary(db: Db, runId: string, filters: Filter, threshold: number) {
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`WITH scored AS (
          SELECT s.customer_id, s.score FROM customer_scores s JOIN customers c ON c.id = s.customer_id
          WHERE s.model_run_id = ${runId}::uuid AND s.score IS NOT NULL AND ${notErased("c")} AND ${customerFilter(filters, sql`s.customer_id`)}
        )
        SELECT (SELECT count(*) FROM scored) AS scored,
          (SELECT count(*) FROM scored WHERE score >= ${threshold}) AS n,
          (SELECT coalesce(sum(f.trailing_net_cents), 0) FROM kpi_customer_first f JOIN scored ON scored.customer_id = f.customer_id AND scored.score >= ${threshold}) AS value`,
  );
  return { scored: Number(row?.scored ?? 0), count: Number(row?.n ?? 0), valueCents: Number(row?.value ?? 0) };
}
