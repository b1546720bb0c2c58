import { z } from "zod";
import { DATASETS } from "../../../lib/shared/datasets";

const ZCounts = z.object({ inserted: z.number(), updated: z.number(), duplicates: z.number() });

/** A real-data importer's report as stored in the job row (see importers/report.ts). */
const ZStoredReport = z.object({
  dataset: z.string(),
  source: z.string(),
  read: z.record(z.string(), z.number()),
  customers: ZCounts,
  products: ZCounts,
  events: ZCounts,
  eventsByType: z.record(z.string(), z.number()),
  other: z.record(z.string(), z.number()),
  skipped: z.array(z.object({ reason: z.string(), count: z.number() })),
  notes: z.array(z.string()),
  durationMs: z.number(),
});

/** A campaign-results summary as stored (see campaigns/results-import.ts). */
const ZStoredResults = z.object({
  outcome: z.enum(["imported", "refused"]),
  rows: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })).optional(),
  arms: z.record(z.string(), z.number()).optional(),
});

/** What a dataset-import job stores as its result: the CLI's text and the counts behind it. */
export const ZDatasetImportResult = z.object({
  dataset: z.enum(DATASETS),
  outcome: z.enum(["imported", "refused"]),
  /** The summary exactly as `npm run import` prints it. */
  text: z.string(),
  files: z.array(z.string()),
  ignored: z.array(z.string()),
  report: ZStoredReport.nullable(),
  results: ZStoredResults.nullable(),
});
export type DatasetImportResult = z.infer<typeof ZDatasetImportResult>;
