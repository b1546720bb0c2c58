import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { maskName } from "../customers";
import { ZScoreDetail } from "../models";
import { createSegment, refreshSegment, type Actor } from "../segments";
import { atRiskSummary, findActiveChurnRun, riskiestCustomers } from "./churn.repo";
import { ZKpiFilters, type KpiFilters } from "./filters.sql";

/** Scores at or above this count as "at risk" when the run stores no threshold of its own. */
export const DEFAULT_RISK_THRESHOLD = 0.5;

export const ZChurnList = z.object({
  filters: ZKpiFilters,
  page: z.number().int().min(1).max(200).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const ZWinback = z.object({
  filters: ZKpiFilters,
  size: z.number().int().min(1, { message: "size must be at least 1" }).max(5000, { message: "size may be at most 5000" }),
  name: z.string().trim().min(1, { message: "name is required" }).max(100, { message: "name must be at most 100 characters" }),
});

function reasonsOf(detail: unknown): Array<{ feature: string; contribution: number }> {
  const parsed = ZScoreDetail.safeParse(detail);
  if (!parsed.success) return [];
  return parsed.data.reasons.filter((r) => r.contribution > 0).slice(0, 3);
}

export async function churnWarning(db: Db, input: z.infer<typeof ZChurnList>, showPii: boolean) {
  const run = await findActiveChurnRun(db);
  if (!run) return { run: null, rows: [], atRisk: null, total: 0, page: input.page, pageSize: input.pageSize };
  const threshold = run.threshold ?? DEFAULT_RISK_THRESHOLD;
  const [rows, atRisk] = await Promise.all([
    riskiestCustomers(db, run.id, input.filters, input.pageSize, (input.page - 1) * input.pageSize),
    atRiskSummary(db, run.id, input.filters, threshold),
  ]);
  return {
    run: { ...run, threshold },
    atRisk: { count: atRisk.count, valueCents: atRisk.valueCents },
    total: atRisk.scored,
    page: input.page,
    pageSize: input.pageSize,
    rows: rows.map((row) => ({
      customerId: row.customerId,
      externalId: row.externalId,
      displayName: showPii ? row.displayName : maskName(row.displayName),
      channel: row.channel,
      score: row.score,
      valueCents: row.valueCents,
      reasons: reasonsOf(row.detail),
    })),
  };
}

/**
 * Builds a manual segment of the `size` riskiest customers under the current filters, ready for a
 * win-back campaign, and materialises its members at once.
 */
export async function buildWinbackSegment(db: Db, actor: Actor, input: { filters: KpiFilters; size: number; name: string }) {
  const run = await findActiveChurnRun(db);
  if (!run) throw new AppError("PRECONDITION_FAILED", "No active churn model: an admin can train one on the Models page", "size");
  const rows = await riskiestCustomers(db, run.id, input.filters, input.size);
  if (rows.length === 0) throw new AppError("PRECONDITION_FAILED", "No scored customers match these filters", "size");
  const segment = await createSegment(db, actor, {
    name: input.name,
    description: `Win-back: the ${rows.length} customers the churn model (v${run.version}) ranks riskiest, ${input.filters.from}..${input.filters.to}`,
    definition: { kind: "manual", customerIds: rows.map((row) => row.customerId) },
  });
  const refreshed = await refreshSegment(db, segment.id);
  return { id: segment.id, name: segment.name, size: refreshed.size };
}
