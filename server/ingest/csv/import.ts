import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CHUNK_TARGET_MS, nextChunkSize, type Db } from "../../db";
import { AppError } from "../../errors";
import type { IngestKind, WriteResult } from "../types";
import { validateItems, type ValidRow } from "../validate";
import { checkRows, writeCustomers, writeEvents, writeProducts } from "../write";
import { deleteCheckpoint, readCheckpoint, saveCheckpoint } from "./checkpoints.repo";
import { recordToItem } from "./coerce";
import { ErrorSink, type LineError } from "./error-sink";
import { applyOverrides, guessMapping, resolveMapping, type ColumnMapping, type ResolvedMapping } from "./mapping";
import { checkHeader, readCsvBatches, type CsvRecord } from "./reader";
import { ERASED_REASON, ERASED_SHOWN, ZErasedLine, type CsvImportSummary } from "./summary";

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
  /** Rows per checked chunk, and the most per published chunk. */
  chunkRows?: number;
  /** Where to write every error as CSV (the screen shows the first 100). */
  errorReportPath?: string;
  onProgress?: (fraction: number, message: string) => void;
  /** Names this import's checkpoint (the upload id), so a rerun after a crash resumes it. */
  importKey?: string;
}

const ZTotals = z.object({
  inserted: z.number(),
  updated: z.number(),
  duplicates: z.number(),
  /** Lines skipped because their customer was erased: the count, and the first ERASED_SHOWN of them. */
  erasedCount: z.number(),
  erased: z.array(ZErasedLine),
});
type Totals = z.infer<typeof ZTotals>;

function noTotals(): Totals {
  return { inserted: 0, updated: 0, duplicates: 0, erasedCount: 0, erased: [] };
}

function writer(kind: IngestKind, db: Db, source: string, rows: readonly ValidRow[]): Promise<WriteResult> {
  if (kind === "customers") return writeCustomers(db, rows as Parameters<typeof writeCustomers>[1]);
  if (kind === "products") return writeProducts(db, rows as Parameters<typeof writeProducts>[1]);
  return writeEvents(db, source, rows as Parameters<typeof writeEvents>[2]);
}

/** Valid rows of one chunk (indexed from 0) with the physical line of each. */
interface Chunk {
  rows: ValidRow[];
  lines: number[];
  /** Data rows of the file up to and including this chunk. */
  dataRowsThrough: number;
}

interface ReadPlan {
  kind: IngestKind;
  delimiter: string;
  /** Read before every record, so a pass may resize its chunks as it goes. */
  chunkRows: () => number;
  stats?: { blankLines: number };
  onBytes?: (read: number) => void;
}

/**
 * Reads the file and hands over chunks of valid rows with the chunk's mapping and validation
 * errors. Both passes read the file this same way, so they agree on every line; returns the
 * number of data rows.
 */
async function forEachChunk(
  filePath: string,
  plan: ReadPlan,
  mappingFor: (columns: string[]) => ResolvedMapping,
  onChunk: (chunk: Chunk, errors: LineError[]) => Promise<void>,
): Promise<number> {
  const { kind, delimiter } = plan;
  const batches = readCsvBatches(filePath, { delimiter, stats: plan.stats, onBytes: plan.onBytes });
  let dataRows = 0;
  try {
    const first = await batches.next();
    const firstBatch = first.done ? [] : first.value;
    const header = checkHeader(firstBatch[0], delimiter);
    const mapping = mappingFor(header.columns);
    let items: unknown[] = [];
    let lines: number[] = [];
    let errors: LineError[] = [];
    const flush = async () => {
      const { rows, errors: invalid } = validateItems(kind, items, 0);
      for (const error of invalid) errors.push({ line: lines[error.index] ?? 0, field: error.field, message: error.message });
      const rowLines = rows.map((row) => lines[row.index] ?? 0);
      await onChunk({ rows: rows.map((row, index) => ({ ...row, index })), lines: rowLines, dataRowsThrough: dataRows }, errors);
      items = [];
      lines = [];
      errors = [];
      // Parsing never waits on I/O between records: give the event loop a turn per chunk.
      await new Promise<void>((resolve) => setImmediate(resolve));
    };
    const add = async (record: CsvRecord) => {
      dataRows++;
      const mapped = recordToItem(kind, mapping, record.values, header.columns.length);
      if (mapped.errors.length) for (const error of mapped.errors) errors.push({ line: record.line, ...error });
      else {
        items.push(mapped.item);
        lines.push(record.line);
      }
      if (items.length + errors.length >= plan.chunkRows()) await flush();
    };
    for (const record of firstBatch.slice(1)) await add(record);
    for await (const batch of batches) for (const record of batch) await add(record);
    if (items.length || errors.length) await flush();
    if (dataRows === 0) throw new AppError("BAD_REQUEST", `Line ${header.line}: the file has a header but no data rows`, "file");
  } finally {
    await batches.return(undefined);
  }
  return dataRows;
}

/**
 * Imports one CSV file, all or nothing, without one long transaction (on the embedded engine a
 * transaction holds the only connection, so a person's request would wait for all of it).
 * Check pass: every row is mapped, validated and checked against the database (unknown
 * customers and products, duplicate ids) without writing anything; any error rejects the file
 * with every error by line. Publish pass: the rows are written in short transactions (see
 * `publish`), each committing the import's checkpoint, so a killed import resumes where it
 * stopped until the whole file has landed. Lines of erased customers are skipped (not errors)
 * and listed by line under `erased`.
 */
export async function importCsvFile(db: Db, options: CsvImportOptions): Promise<CsvImportSummary> {
  const started = Date.now();
  const { kind, filePath } = options;
  const delimiter = options.delimiter ?? ",";
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  const bytes = fs.statSync(filePath).size;
  const sink = new ErrorSink(options.errorReportPath);
  const stats = { blankLines: 0 };
  const onBytesChecked = (read: number) => options.onProgress?.(0.5 * (bytes ? read / bytes : 1), `checking: ${read} of ${bytes} bytes read`);
  const mappingFor = (columns: string[]) => {
    const guessed = guessMapping(kind, columns);
    return resolveMapping(kind, columns, applyOverrides({ ...guessed, ...(options.mapping ?? {}) }, options.overrides ?? []));
  };
  let fileError: string | null = null;
  let dataRows = 0;
  let totals = noTotals();

  try {
    dataRows = await forEachChunk(filePath, { kind, delimiter, chunkRows: () => chunkRows, stats, onBytes: onBytesChecked }, mappingFor, async (chunk, errors) => {
      for (const problem of await checkRows(db, kind, chunk.rows)) {
        errors.push({ line: chunk.lines[problem.index] ?? 0, field: problem.field, message: problem.message });
      }
      // Each chunk's errors go out in line order, so the first 100 are the first 100 lines.
      errors.sort((a, b) => a.line - b.line);
      for (const error of errors) sink.add(error);
    });
    if (sink.count === 0) {
      // Published rows, not bytes read, measure this pass: a chunk counts once it has committed.
      const onPublished = (rows: number) => options.onProgress?.(0.5 + 0.5 * (rows / dataRows), `publishing: ${rows} of ${dataRows} rows written`);
      totals = await publish(db, options, { kind, delimiter, maxChunkRows: chunkRows, onPublished }, mappingFor);
    }
  } catch (error) {
    if (error instanceof AppError) fileError = error.message;
    else {
      sink.close();
      throw error;
    }
  }

  const reportPath = sink.close();
  const imported = fileError === null && sink.count === 0;
  return {
    kind,
    fileName: options.fileName ?? path.basename(filePath),
    outcome: imported ? "imported" : "rejected",
    bytes,
    dataRows,
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

const FIRST_PUBLISH_ROWS = 1_000;
const MIN_PUBLISH_ROWS = 100;

/**
 * Writes the checked file chunk by chunk, each chunk one transaction with its checkpoint, and
 * returns the totals. Chunk sizes adapt so each transaction takes about CHUNK_TARGET_MS.
 */
async function publish(
  db: Db,
  options: CsvImportOptions,
  plan: { kind: IngestKind; delimiter: string; maxChunkRows: number; onPublished: (rows: number) => void },
  mappingFor: (columns: string[]) => ResolvedMapping,
): Promise<Totals> {
  const { kind } = plan;
  const source = options.source ?? DEFAULT_SOURCE;
  const key = options.importKey;
  const resumed = key ? await readCheckpoint(db, key) : null;
  let totals = resumed ? ZTotals.parse(resumed.totals) : noTotals();
  let published = resumed?.rowsPublished ?? 0;
  let chunkRows = Math.min(plan.maxChunkRows, FIRST_PUBLISH_ROWS);
  await forEachChunk(options.filePath, { kind, delimiter: plan.delimiter, chunkRows: () => chunkRows }, mappingFor, async (chunk, errors) => {
    const firstError = errors[0];
    if (firstError) throw new AppError("CONFLICT", `Line ${firstError.line}: ${firstError.message} (the file changed while it was imported)`, firstError.field);
    if (chunk.dataRowsThrough <= published) return;
    // A resumed import starts inside a chunk when its chunks were sized differently last time.
    const alreadyPublished = Math.max(0, published - (chunk.dataRowsThrough - chunk.rows.length));
    const rows = chunk.rows.slice(alreadyPublished).map((row, index) => ({ ...row, index }));
    const lines = chunk.lines.slice(alreadyPublished);
    const began = performance.now();
    totals = await db.transaction(async (tx) => {
      const result = await writer(kind, tx, source, rows);
      const rejected = result.errors[0];
      if (rejected) {
        // The check passed moments ago, so the database changed underneath this import.
        throw new AppError("CONFLICT", `Line ${lines[rejected.index] ?? 0}: ${rejected.message} (the data changed while the file was imported; run it again)`, rejected.field);
      }
      const next = addResult(totals, result, lines);
      if (key) await saveCheckpoint(tx, key, chunk.dataRowsThrough, next);
      return next;
    });
    published = chunk.dataRowsThrough;
    plan.onPublished(published);
    chunkRows = nextChunkSize(chunkRows, performance.now() - began, { targetMs: CHUNK_TARGET_MS, min: MIN_PUBLISH_ROWS, max: plan.maxChunkRows });
  });
  if (key) await deleteCheckpoint(db, key);
  return totals;
}

function addResult(totals: Totals, result: WriteResult, lines: readonly number[]): Totals {
  const erased = [...totals.erased];
  let erasedCount = totals.erasedCount;
  for (const skipped of result.erased ?? []) {
    erasedCount++;
    if (erased.length < ERASED_SHOWN) erased.push({ line: lines[skipped.index] ?? 0, customer_id: skipped.customerId });
  }
  return {
    inserted: totals.inserted + result.inserted,
    updated: totals.updated + result.updated,
    duplicates: totals.duplicates + result.duplicates,
    erasedCount,
    erased,
  };
}

export type { ResolvedMapping };
