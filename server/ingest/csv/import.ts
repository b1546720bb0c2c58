import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db";
import { AppError } from "../../errors";
import type { IngestKind, WriteResult } from "../types";
import { validateItems, type ValidRow } from "../validate";
import { writeCustomers, writeEvents, writeProducts } from "../write";
import { recordToItem } from "./coerce";
import { ErrorSink, type LineError } from "./error-sink";
import { applyOverrides, guessMapping, resolveMapping, type ColumnMapping, type ResolvedMapping } from "./mapping";
import { checkHeader, readCsvBatches, type CsvRecord } from "./reader";
import { ERASED_REASON, ERASED_SHOWN, type CsvImportSummary, type ErasedLine } from "./summary";

export const DEFAULT_CHUNK_ROWS = 5_000;
export const DEFAULT_SOURCE = "csv";

export interface CsvImportOptions {
  kind: IngestKind;
  filePath: string;
  /** Shown in summaries; defaults to the file's base name. */
  fileName?: string;
  /** Field → column; fields left out are guessed from the header. */
  mapping?: ColumnMapping;
  /** CLI-style `field=column` overrides applied on top. */
  overrides?: readonly string[];
  source?: string;
  delimiter?: string;
  chunkRows?: number;
  /** Where to write every error as CSV (the screen shows the first 100). */
  errorReportPath?: string;
  /** Not awaited inside the transaction: on PGlite any other query waits for it to end. */
  onProgress?: (fraction: number, message: string) => void;
}

/** Thrown inside the transaction to roll it back once any row failed. */
class Rejected extends Error {}

function writer(kind: IngestKind, db: Db, source: string, rows: readonly ValidRow[]): Promise<WriteResult> {
  if (kind === "customers") return writeCustomers(db, rows as Parameters<typeof writeCustomers>[1]);
  if (kind === "products") return writeProducts(db, rows as Parameters<typeof writeProducts>[1]);
  return writeEvents(db, source, rows as Parameters<typeof writeEvents>[2]);
}

interface Totals {
  dataRows: number;
  inserted: number;
  updated: number;
  duplicates: number;
  /** Lines skipped because their customer was erased: the count, and the first ERASED_SHOWN of them. */
  erasedCount: number;
  erased: ErasedLine[];
}

/**
 * Imports one CSV file as ONE transaction: records stream from disk in chunks of `chunkRows`
 * through the shared validators and writers; if any row fails, every error is still collected
 * (by physical line) and the transaction is rolled back, so either every row lands or none.
 * Lines of erased customers are skipped (not errors) and listed by line under `erased`.
 */
export async function importCsvFile(db: Db, options: CsvImportOptions): Promise<CsvImportSummary> {
  const started = Date.now();
  const { kind, filePath } = options;
  const delimiter = options.delimiter ?? ",";
  const source = options.source ?? DEFAULT_SOURCE;
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const bytes = fs.statSync(filePath).size;
  const sink = new ErrorSink(options.errorReportPath);
  const stats = { blankLines: 0 };
  const totals: Totals = { dataRows: 0, inserted: 0, updated: 0, duplicates: 0, erasedCount: 0, erased: [] };
  let fileError: string | null = null;

  const batches = readCsvBatches(filePath, {
    delimiter,
    stats,
    onBytes: (read) => options.onProgress?.(bytes ? read / bytes : 1, `${read} of ${bytes} bytes read`),
  });

  try {
    const first = await batches.next();
    const firstBatch = first.done ? [] : first.value;
    const header = checkHeader(firstBatch[0], delimiter);
    const guessed = guessMapping(kind, header.columns);
    const merged = applyOverrides({ ...guessed, ...(options.mapping ?? {}) }, options.overrides ?? []);
    const mapping = resolveMapping(kind, header.columns, merged);
    await db.transaction(async (tx) => {
      let items: unknown[] = [];
      let lines: number[] = [];
      let chunkErrors: LineError[] = [];
      const flush = async () => {
        if (items.length) await processChunk(tx, kind, source, items, lines, chunkErrors, totals);
        // Each chunk's errors go out in line order, so the first 100 are the first 100 lines.
        chunkErrors.sort((a, b) => a.line - b.line);
        for (const error of chunkErrors) sink.add(error);
        items = [];
        lines = [];
        chunkErrors = [];
        // The embedded engine answers in microtasks, so a long import would never let the event
        // loop serve other requests (a progress poll); give it one turn per chunk.
        await new Promise<void>((resolve) => setImmediate(resolve));
      };
      const add = async (record: CsvRecord) => {
        totals.dataRows++;
        const mapped = recordToItem(kind, mapping, record.values, header.columns.length);
        if (mapped.errors.length) {
          for (const error of mapped.errors) chunkErrors.push({ line: record.line, ...error });
          if (chunkErrors.length >= chunkRows) await flush();
          return;
        }
        items.push(mapped.item);
        lines.push(record.line);
        if (items.length >= chunkRows) await flush();
      };
      for (const record of firstBatch.slice(1)) await add(record);
      for await (const batch of batches) for (const record of batch) await add(record);
      await flush();
      if (totals.dataRows === 0) {
        throw new AppError("BAD_REQUEST", `Line ${header.line}: the file has a header but no data rows`, "file");
      }
      if (sink.count > 0) throw new Rejected();
    });
  } catch (error) {
    if (error instanceof AppError) fileError = error.message;
    else if (!(error instanceof Rejected)) {
      sink.close();
      throw error;
    }
  } finally {
    await batches.return(undefined);
  }

  const reportPath = sink.close();
  const imported = fileError === null && sink.count === 0;
  return {
    kind,
    fileName: options.fileName ?? path.basename(filePath),
    outcome: imported ? "imported" : "rejected",
    bytes,
    dataRows: totals.dataRows,
    inserted: imported ? totals.inserted : 0,
    updated: imported ? totals.updated : 0,
    duplicates: imported ? totals.duplicates : 0,
    skipped: [
      ...(stats.blankLines ? [{ reason: "blank lines", count: stats.blankLines }] : []),
      ...(imported && totals.erasedCount ? [{ reason: ERASED_REASON, count: totals.erasedCount }] : []),
    ],
    erasedCount: imported ? totals.erasedCount : 0,
    erased: imported ? totals.erased : [],
    errorCount: sink.count,
    errors: sink.first,
    fileError,
    hasErrorReport: reportPath !== undefined,
    durationMs: Date.now() - started,
  };
}

async function processChunk(
  tx: Db,
  kind: IngestKind,
  source: string,
  items: readonly unknown[],
  lines: readonly number[],
  errorsOut: LineError[],
  totals: Totals,
): Promise<void> {
  const lineOf = (index: number) => lines[index] ?? 0;
  const { rows, errors } = validateItems(kind, items, 0);
  for (const error of errors) errorsOut.push({ line: lineOf(error.index), field: error.field, message: error.message });
  // Rows are written even after an error, so the writers report unknown references for the whole
  // file too; the transaction is rolled back at the end anyway.
  const result = await writer(kind, tx, source, rows);
  for (const error of result.errors) errorsOut.push({ line: lineOf(error.index), field: error.field, message: error.message });
  totals.inserted += result.inserted;
  totals.updated += result.updated;
  totals.duplicates += result.duplicates;
  for (const skipped of result.erased ?? []) {
    totals.erasedCount++;
    if (totals.erased.length < ERASED_SHOWN) totals.erased.push({ line: lineOf(skipped.index), customer_id: skipped.customerId });
  }
}

export type { ResolvedMapping };
