import { stringify } from "csv-stringify/sync";

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab/CR hiding one) as a formula,
 * so `=HYPERLINK(...)` typed by a customer could act when an admin opens an export. Stored data
 * keeps what was sent; every CSV the app writes prefixes such cells with an apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined | Date;

export function toSafeCsvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") {
    // Negative numbers are data, not formulas; they stay readable as numbers.
    return Number.isFinite(value) ? String(value) : "";
  }
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** CSV text (with header) for rows of cells, every cell neutralised; the one way the app writes CSV. */
export function toSafeCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const safe: string[][] = [header.map((cell) => toSafeCsvCell(cell))];
  for (const row of rows) safe.push(row.map((cell) => toSafeCsvCell(cell)));
  return stringify(safe, { record_delimiter: "\r\n" });
}

/** CSV text for a batch of rows without a header (for streaming long reports chunk by chunk). */
export function toSafeCsvRows(rows: Iterable<readonly CsvCell[]>): string {
  const safe: string[][] = [];
  for (const row of rows) safe.push(row.map((cell) => toSafeCsvCell(cell)));
  return safe.length === 0 ? "" : stringify(safe, { record_delimiter: "\r\n" });
}
