import { Transform, type TransformCallback } from "node:stream";
import { parse, CsvError, type InfoRecord, type Options } from "csv-parse";
import { AppError } from "../../errors";
import { Utf8Guard } from "./utf8-guard";
import { openText } from "./decompress";

export interface CsvRecord {
  /** Physical line (1-based) where the record starts in the file. */
  line: number;
  values: string[];
}

export interface CsvReadOptions {
  delimiter?: string;
  /** Called with the bytes read from disk so far (for progress). */
  onBytes?: (bytesRead: number) => void;
  /** Filled in while reading: blank lines skipped (reported in summaries, never dropped silently). */
  stats?: { blankLines: number };
}

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

export function delimiterName(delimiter: string): string {
  return DELIMITER_NAMES[delimiter] ?? JSON.stringify(delimiter);
}

/** The candidate delimiter that splits a header line into the most columns, if any splits it. */
export function detectDelimiter(headerLine: string): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of Object.keys(DELIMITER_NAMES)) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

class ByteCounter extends Transform {
  private total = 0;
  constructor(private readonly onBytes?: (bytes: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    this.onBytes?.(this.total);
    callback(null, chunk);
  }
}

/**
 * Numbers records by physical line and groups them into arrays (one await per thousand records).
 * Lines are counted here rather than with csv-parse's per-record info, which costs 4x the parse:
 * a record spans 1 + the newlines inside its quoted values, and a blank line arrives as [""].
 */
class Batcher extends Transform {
  private batch: CsvRecord[] = [];
  private nextLine = 1;
  constructor(
    private readonly size: number,
    private readonly stats?: { blankLines: number },
  ) {
    super({ objectMode: true });
  }
  override _transform(values: string[], _encoding: BufferEncoding, callback: TransformCallback): void {
    const line = this.nextLine;
    this.nextLine++;
    if (values.length === 1 && values[0] === "") {
      if (this.stats) this.stats.blankLines++;
      callback();
      return;
    }
    for (const value of values) {
      if (value.includes("\n")) this.nextLine += value.split("\n").length - 1;
    }
    this.batch.push({ line, values });
    if (this.batch.length >= this.size) {
      this.push(this.batch);
      this.batch = [];
    }
    callback();
  }
  override _flush(callback: TransformCallback): void {
    if (this.batch.length) this.push(this.batch);
    callback();
  }
}

function lineError(line: number, message: string): AppError {
  return new AppError("BAD_REQUEST", `Line ${line}: ${message}`, `line ${line}`);
}

/** A csv-parse failure as a message that names the line a person should look at. */
function toLineError(error: CsvError, recordStartLine: number): AppError {
  const errorLine = typeof error.lines === "number" ? error.lines : recordStartLine;
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return lineError(recordStartLine, "a quoted field opened here is never closed (unbalanced quotes)");
    case "CSV_INVALID_CLOSING_QUOTE":
      return lineError(errorLine, "a closing quote is followed by other characters; double any quote inside a quoted field (\"\")");
    case "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE":
      return lineError(errorLine, "unexpected characters after a closing quote");
    case "CSV_MAX_RECORD_SIZE":
      return lineError(recordStartLine, "a record is larger than 1 MB (probably an unclosed quote)");
    default:
      return lineError(errorLine, error.message);
  }
}

function parserOptions(delimiter: string): Options {
  return {
    bom: true,
    delimiter,
    relax_column_count: true,
    // A quote inside an unquoted field (a "b" c) is kept as text, as spreadsheets read it.
    relax_quotes: true,
    // Blank lines arrive as [""] and are counted (and skipped) by the Batcher, which numbers lines.
    skip_empty_lines: false,
    max_record_size: 1_048_576,
  };
}

/**
 * Error path only: re-reads the file with csv-parse's per-record line info (slow, exact) to find
 * the line where the failing record starts, e.g. where an unclosed quote was opened.
 */
async function recordStartLineOfError(filePath: string, delimiter: string): Promise<number> {
  let nextStart = 1;
  const parser = parse({
    ...parserOptions(delimiter),
    info: true,
    on_record: (record: unknown, context: InfoRecord) => {
      nextStart = context.lines + 1;
      return record;
    },
  } as Options);
  parser.resume();
  const done = new Promise<void>((resolve) => {
    parser.on("end", resolve);
    parser.on("error", () => resolve());
  });
  const { text } = openText(filePath);
  text.on("error", () => parser.end());
  text.pipe(new Utf8Guard()).on("error", () => parser.end()).pipe(parser);
  await done;
  return nextStart;
}

/**
 * Streams the records of a CSV file with the physical line each starts on. The first record is the
 * header. Never holds the file in memory: the parser sees one disk chunk at a time.
 */
export async function* readCsvRecords(filePath: string, options: CsvReadOptions = {}): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(filePath, options)) yield* batch;
}

/** As readCsvRecords, in arrays of up to `batchSize` records (the fast path for big files). */
export async function* readCsvBatches(filePath: string, options: CsvReadOptions & { batchSize?: number } = {}): AsyncGenerator<CsvRecord[]> {
  const delimiter = options.delimiter ?? ",";
  const parser = parse(parserOptions(delimiter));
  const counter = new ByteCounter(options.onBytes);
  const { source, text } = openText(filePath, (raw) => raw.pipe(counter));
  const guard = new Utf8Guard();
  // Errors from any stage end the parser, so the one loop below sees them.
  const batcher = new Batcher(options.batchSize ?? 1_000, options.stats);
  const fail = (error: Error) => batcher.destroy(error);
  source.on("error", fail);
  counter.on("error", fail);
  text.on("error", fail);
  guard.on("error", fail);
  parser.on("error", fail);
  text.pipe(guard).pipe(parser).pipe(batcher);

  try {
    for await (const batch of batcher as AsyncIterable<CsvRecord[]>) yield batch;
  } catch (error) {
    if (error instanceof CsvError) throw toLineError(error, await recordStartLineOfError(filePath, delimiter));
    throw error;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

export interface CsvHeader {
  columns: string[];
  line: number;
}

/** Checks the header record and refuses the file when it cannot be the header we need. */
export function checkHeader(record: CsvRecord | undefined, delimiter: string): CsvHeader {
  if (!record) throw new AppError("BAD_REQUEST", "The file is empty: expected a header line naming the columns", "file");
  const columns = record.values.map((value) => value.trim());
  if (columns.length === 1) {
    const found = detectDelimiter(columns[0] ?? "");
    if (found && found !== delimiter) {
      throw new AppError(
        "BAD_REQUEST",
        `Line ${record.line}: the header has only one column with the ${delimiterName(delimiter)} delimiter, but it contains ${delimiterName(found)}s; choose the ${delimiterName(found)} (${JSON.stringify(found)}) delimiter`,
        "delimiter",
      );
    }
  }
  const seen = new Map<string, number>();
  columns.forEach((name, position) => {
    if (name === "") throw lineError(record.line, `column ${position + 1} of the header has no name`);
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) throw lineError(record.line, `the header names column "${name}" twice (columns ${earlier + 1} and ${position + 1})`);
    seen.set(name.toLowerCase(), position);
  });
  return { columns, line: record.line };
}
