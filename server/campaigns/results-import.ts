import { z } from "zod";
import type { CAMPAIGN_CHANNELS, CAMPAIGN_GOALS, Db } from "../db";
import { AppError } from "../errors";
import { currencyToCents, ErrorSink, type LineError, MAX_ID_CHARS, type OnImportProgress, ProgressTracker, readRows, requirePath, zonedTimestamp } from "../ingest";
import { insertCampaign, findCampaignByName } from "./campaigns.repo";
import { upsertOutcomes } from "./outcomes.repo";
import { clearImportedCampaign, createMissingCustomers, customerIdsByExternalId, insertImportedAssignments, insertImportedVariants } from "./results-import.repo";
import { randomBytes } from "node:crypto";

export const RESULT_COLUMNS = ["customer_id", "variant", "exposed_at", "converted", "revenue", "pre_period_value"] as const;

const decimal = (what: string) =>
  z.string().trim().regex(/^-?\d+(\.\d+)?$/, { message: `${what} must be a decimal number like 12.50` }).transform(Number);

const ZResultRow = z.object({
  customer_id: z.string().trim().min(1, { message: "must not be empty" }).max(MAX_ID_CHARS, { message: `must be at most ${MAX_ID_CHARS} characters` }),
  variant: z.string().trim().min(1, { message: "must not be empty" }).max(80, { message: "must be at most 80 characters" }),
  exposed_at: zonedTimestamp,
  converted: z.enum(["0", "1"], { message: "must be 0 or 1" }).transform((v) => v === "1"),
  revenue: decimal("revenue").pipe(currencyToCents),
  pre_period_value: z.union([z.literal("").transform(() => null), decimal("pre_period_value")]),
});

interface ParsedRow {
  customerId: string;
  variant: string;
  exposedAt: Date;
  converted: boolean;
  revenueCents: number;
  pre: number | null;
}

export interface ResultsImportOptions {
  filePath: string;
  campaignName: string;
  control: string;
  goal?: (typeof CAMPAIGN_GOALS)[number];
  channel?: (typeof CAMPAIGN_CHANNELS)[number];
  /** Phase and rows: checking the file (by bytes read), then writing (one step per table). */
  onProgress?: OnImportProgress;
}

export type ResultsImportSummary =
  | { outcome: "refused"; rows: number; errorCount: number; errors: LineError[] }
  | { outcome: "imported"; campaignId: string; rows: number; arms: Record<string, number>; customersCreated: number; assignments: number; outcomes: number; erased: number };

const keyOf = (variant: string) => variant.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "arm";

/**
 * Imports results of a campaign run elsewhere. Every row is validated first; one bad row refuses the
 * whole file (errors listed by line) and nothing is written. Otherwise one transaction creates the
 * imported campaign and its arms, customers not seen before (external id only), and one
 * assignment + one outcome per row. Re-importing into the same imported campaign replaces its results.
 */
export async function importCampaignResults(db: Db, options: ResultsImportOptions): Promise<ResultsImportSummary> {
  const file = requirePath(options.filePath, "results file");
  const progress = new ProgressTracker(options.onProgress);
  const errors = new ErrorSink();
  const rows: ParsedRow[] = [];
  const seen = new Map<string, number>();
  let read = 0;
  for await (const row of readRows(file, { required: RESULT_COLUMNS, onBytes: progress.pass(file, "result rows checked", 0, 0.7, () => read) })) {
    read++;
    const raw = Object.fromEntries(RESULT_COLUMNS.map((c) => [c, row.get(c)]));
    const parsed = ZResultRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.add({ line: row.line, field: String(issue.path[0] ?? "row"), message: issue.message });
      continue;
    }
    const previous = seen.get(parsed.data.customer_id);
    if (previous !== undefined) {
      errors.add({ line: row.line, field: "customer_id", message: `${parsed.data.customer_id} already appears on line ${previous}` });
      continue;
    }
    seen.set(parsed.data.customer_id, row.line);
    const d = parsed.data;
    rows.push({ customerId: d.customer_id, variant: d.variant, exposedAt: d.exposed_at, converted: d.converted, revenueCents: d.revenue, pre: d.pre_period_value });
  }
  if (read === 0) errors.add({ line: 1, field: "file", message: "the file has a header but no rows" });
  const variants = [...new Set(rows.map((r) => r.variant))];
  if (errors.count === 0 && !variants.includes(options.control)) {
    errors.add({ line: 1, field: "control", message: `control "${options.control}" is not a variant in the file (found: ${variants.join(", ")})` });
  }
  if (errors.count === 0 && variants.length < 2) errors.add({ line: 1, field: "variant", message: "the file needs at least two variants (control and a treatment)" });
  if (errors.count > 0) return { outcome: "refused", rows: read, errorCount: errors.count, errors: errors.first };

  return db.transaction(async (tx) => {
    const campaignId = await prepareCampaign(tx, options, rows);
    const keys = new Map(variants.map((v) => [v, keyOf(v)]));
    const variantRows = await insertImportedVariants(
      tx,
      campaignId,
      variants.map((v) => ({ key: keys.get(v) ?? "arm", name: v, isControl: v === options.control, weight: 1 })),
    );
    const variantId = new Map(variantRows.map((v) => [v.name, v.id]));
    progress.step("campaign and arms written", 0.7, 0.75, 1, 1);
    const customersCreated = await createMissingCustomers(tx, rows.map((r) => r.customerId));
    progress.step("customers written", 0.75, 0.8, rows.length, rows.length);
    const ids = await customerIdsByExternalId(tx, rows.map((r) => r.customerId));
    // An erased customer is a tombstone: the file's rows for them are skipped, never stored again.
    const kept = rows.filter((r) => ids.has(r.customerId));
    const erased = rows.length - kept.length;
    const assignments = await insertImportedAssignments(
      tx,
      campaignId,
      kept.map((r) => ({ customerId: ids.get(r.customerId), variantId: variantId.get(r.variant), exposedAt: r.exposedAt })),
    );
    progress.step("assignments written", 0.8, 0.9, kept.length, kept.length);
    const outcomes = await upsertOutcomes(
      tx,
      campaignId,
      kept.map((r) => ({ customerId: ids.get(r.customerId) ?? 0, variantId: variantId.get(r.variant) ?? null, converted: r.converted, revenueCents: r.revenueCents, prePeriodValue: r.pre, observedAt: r.exposedAt })),
    );
    const arms = Object.fromEntries(variants.map((v) => [v, kept.filter((r) => r.variant === v).length]));
    return { outcome: "imported" as const, campaignId, rows: rows.length, arms, customersCreated, assignments, outcomes, erased };
  });
}

/** A new imported campaign, or an existing imported one emptied for the re-import; never an internal campaign. */
async function prepareCampaign(db: Db, options: ResultsImportOptions, rows: readonly ParsedRow[]): Promise<string> {
  const times = rows.map((r) => r.exposedAt.getTime());
  const startsAt = new Date(Math.min(...times));
  const endsAt = new Date(Math.max(...times));
  const existing = await findCampaignByName(db, options.campaignName);
  if (existing) {
    if (existing.origin !== "imported") throw new AppError("CONFLICT", `"${options.campaignName}" is a campaign run here; import results under another name`, "campaign");
    await clearImportedCampaign(db, existing.id, startsAt, endsAt);
    return existing.id;
  }
  const created = await insertCampaign(db, {
    name: options.campaignName,
    goal: options.goal ?? "first_purchase",
    channel: options.channel ?? "email",
    status: "completed",
    allocation: "fixed",
    holdoutShare: 0,
    salt: `imported:${randomBytes(6).toString("hex")}`,
    origin: "imported",
    startsAt,
    endsAt,
  });
  if (!created) throw new AppError("CONFLICT", `A campaign named "${options.campaignName}" already exists`, "campaign");
  return created.id;
}
