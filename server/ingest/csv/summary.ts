import { z } from "zod";
import type { JsonValue } from "../../jobs";

export const ZLineError = z.object({ line: z.number().int(), field: z.string(), message: z.string() });
/** A line skipped because its customer was erased (a tombstone): nothing of it was stored. */
export const ZErasedLine = z.object({ line: z.number().int(), customer_id: z.string() });
export type ErasedLine = z.infer<typeof ZErasedLine>;
export const ERASED_SHOWN = 100;
export const ERASED_REASON = "lines of erased customers (tombstones: never collected again)";

/** What one CSV import did; stored as the job result, read back by the screen, printed by the CLI. */
export const ZCsvImportSummary = z.object({
  kind: z.enum(["customers", "products", "events"]),
  fileName: z.string(),
  /** imported: every row landed; rejected: nothing was written (see errors / fileError). */
  outcome: z.enum(["imported", "rejected"]),
  bytes: z.number(),
  dataRows: z.number(),
  inserted: z.number(),
  updated: z.number(),
  /** Rows already stored unchanged (re-imports are idempotent). */
  duplicates: z.number(),
  skipped: z.array(z.object({ reason: z.string(), count: z.number() })),
  /** Lines of erased customers, skipped: how many, and the first 100 by line (absent in summaries stored before). */
  erasedCount: z.number().default(0),
  erased: z.array(ZErasedLine).default([]),
  errorCount: z.number(),
  /** The first 100 errors, by physical line in the file. */
  errors: z.array(ZLineError),
  /** A problem with the whole file (encoding, quotes, delimiter, empty) rather than a row. */
  fileError: z.string().nullable(),
  hasErrorReport: z.boolean(),
  durationMs: z.number(),
});
export type CsvImportSummary = z.infer<typeof ZCsvImportSummary>;

export function summaryToJson(summary: CsvImportSummary): JsonValue {
  return JSON.parse(JSON.stringify(summary)) as JsonValue;
}

export function formatSummary(summary: CsvImportSummary): string {
  const lines = [
    `${summary.kind} from ${summary.fileName}: ${summary.outcome === "imported" ? "IMPORTED" : "REJECTED (nothing written)"}`,
    `  data rows read: ${summary.dataRows}`,
    `  inserted: ${summary.inserted}, updated: ${summary.updated}, duplicates (already stored): ${summary.duplicates}`,
  ];
  for (const skip of summary.skipped) lines.push(`  skipped: ${skip.count} (${skip.reason})`);
  if (summary.erased.length) {
    const shown = summary.erased.map((e) => `line ${e.line} (${e.customer_id})`).join(", ");
    lines.push(`  erased: ${shown}${summary.erasedCount > summary.erased.length ? `, … (${summary.erasedCount} in all)` : ""}`);
  }
  if (summary.fileError) lines.push(`  file error: ${summary.fileError}`);
  if (summary.errorCount) {
    lines.push(`  errors: ${summary.errorCount}${summary.errorCount > summary.errors.length ? ` (first ${summary.errors.length} shown)` : ""}`);
    for (const error of summary.errors) lines.push(`    line ${error.line}: ${error.field} ${error.message}`);
  }
  lines.push(`  took ${(summary.durationMs / 1000).toFixed(2)} s`);
  return lines.join("\n");
}
