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
export async function* readRows(filePath: string, options: { delimiter?: string; required: readonly string[] }): AsyncGenerator<Row> {
  const records = readCsvRecords(filePath, { delimiter: options.delimiter });
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
