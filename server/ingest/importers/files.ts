import fs from "node:fs";
import path from "node:path";
import { AppError } from "../../errors";
import { readCsvRecords } from "../csv/reader";

/** Fails with the missing path spelled out: the real data sets are read in place, never copied. */
export function requirePath(target: string, what: string): string {
  const resolved = path.resolve(target);
  if (!fs.existsSync(resolved)) throw new AppError("NOT_FOUND", `${what} not found: ${resolved}`, "path");
  return resolved;
}

export interface Row {
  line: number;
  get(column: string): string;
}

/** Streams a CSV file as rows addressed by header name; a missing column is an error naming it. */
export async function* readRows(filePath: string, options: { delimiter?: string; required: readonly string[]; onBytes?: (bytesRead: number) => void }): AsyncGenerator<Row> {
  const records = readCsvRecords(filePath, { delimiter: options.delimiter, onBytes: options.onBytes });
  const first = await records.next();
  if (first.done) throw new AppError("BAD_REQUEST", `${filePath} is empty`, "file");
  const positions = new Map(first.value.values.map((name, i) => [name.trim(), i] as const));
  for (const column of options.required) {
    if (!positions.has(column)) throw new AppError("BAD_REQUEST", `${filePath}: the header lacks column "${column}"`, column);
  }
  for await (const record of records) {
    const values = record.values;
    yield {
      line: record.line,
      get(column) {
        const at = positions.get(column);
        if (at === undefined) throw new AppError("BAD_REQUEST", `${filePath}: no column "${column}"`, column);
        return values[at] ?? "";
      },
    };
  }
}

/** Where an import is: its phase in words, the rows it has handled so far and a share of the whole in 0..1. */
export interface ImportProgress {
  phase: string;
  rows: number;
  fraction: number;
}
export type OnImportProgress = (progress: ImportProgress) => void;

/**
 * Turns an importer's passes into one rising fraction: each pass owns a slice [from, to] of the
 * whole, filled by bytes read (a pass over a file) or by items done (a write of known size).
 */
export class ProgressTracker {
  private last = 0;
  constructor(private readonly onProgress?: OnImportProgress) {}

  /** An `onBytes` for readRows over `file`; `rows` says how many rows the pass has handled. */
  pass(file: string, phase: string, from: number, to: number, rows: () => number): ((bytesRead: number) => void) | undefined {
    if (!this.onProgress) return undefined;
    const size = fs.statSync(file).size || 1;
    return (bytesRead) => this.report(phase, rows(), from + (to - from) * Math.min(1, bytesRead / size));
  }

  /** `done` of `total` items in the slice [from, to]. */
  step(phase: string, from: number, to: number, done: number, total: number): void {
    this.report(phase, done, from + (to - from) * (total > 0 ? Math.min(1, done / total) : 1));
  }

  private report(phase: string, rows: number, fraction: number): void {
    // Fractions only rise: a pass that starts below an earlier report keeps the bar where it was.
    this.last = Math.max(this.last, Math.min(1, fraction));
    this.onProgress?.({ phase, rows, fraction: this.last });
  }
}
