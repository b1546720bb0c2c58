import { AppError } from "../../errors";
import type { IngestKind } from "../types";
import { FIELDS } from "./fields";
import { guessMapping, type ColumnMapping } from "./mapping";
import { checkHeader, readCsvRecords, type CsvRecord } from "./reader";

export const PREVIEW_ROWS = 20;

export interface CsvPreview {
  columns: string[];
  rows: CsvRecord[];
  mapping: ColumnMapping;
  fields: { name: string; required: boolean; type: string }[];
  /** A problem further down that the preview already met (the import would report it too). */
  warning: string | null;
}

/** The header, the first 20 data rows and a guessed mapping; reads no further than that. */
export async function previewCsvFile(filePath: string, kind: IngestKind, delimiter: string): Promise<CsvPreview> {
  const records = readCsvRecords(filePath, { delimiter });
  const rows: CsvRecord[] = [];
  let warning: string | null = null;
  try {
    const first = await records.next();
    const header = checkHeader(first.done ? undefined : first.value, delimiter);
    try {
      for await (const record of records) {
        rows.push(record);
        if (rows.length >= PREVIEW_ROWS) break;
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      warning = error.message;
    }
    return {
      columns: header.columns,
      rows,
      mapping: guessMapping(kind, header.columns),
      fields: FIELDS[kind].map(({ name, required, type }) => ({ name, required, type })),
      warning,
    };
  } finally {
    await records.return(undefined);
  }
}
