import { z } from "zod";
import { DATASETS, MAX_DATASET_FILES, ZDatasetOptions } from "../../lib/shared/datasets";
import { defineJobKind } from "./definition";

/**
 * Every job kind, declared below the modules that run them. A module that queues another's work
 * (ingest queues the rollup, scoring queues the segment refresh) imports the kind from here, so
 * no domain imports another to enqueue, and the jobs module imports no domain. The handlers are
 * attached in each module's `*.job.ts` and collected by `server/worker`.
 */

export const ZCsvImportPayload = z.object({
  uploadId: z.uuid(),
  kind: z.enum(["customers", "products", "events"]),
  mapping: z.record(z.string(), z.string().nullable()),
  source: z.string().trim().min(1).max(100),
  delimiter: z.string().min(1).max(1),
  actorId: z.uuid().nullable(),
  actorEmail: z.string().nullable(),
});
export type CsvImportPayload = z.infer<typeof ZCsvImportPayload>;

export const ZDatasetImportPayload = z.object({
  dataset: z.enum(DATASETS),
  /** Uploads (server/ingest uploads folder), in the order they were chosen; their names are kept. */
  uploadIds: z.array(z.uuid()).min(1).max(MAX_DATASET_FILES),
  options: ZDatasetOptions,
  actor: z.object({ id: z.uuid().nullable(), email: z.string().nullable() }),
});
export type DatasetImportPayload = z.infer<typeof ZDatasetImportPayload>;

export const ZRefreshSegmentsPayload = z
  .object({ segmentIds: z.array(z.uuid()).max(1000).optional(), daily: z.boolean().optional() })
  .strict();

export const ZDeliverPayload = z.object({ campaignId: z.uuid(), variantId: z.uuid() }).strict();

export const jobKinds = {
  // An import checks the whole file before it publishes, and publishes chunk by chunk with a
  // checkpoint, so another attempt resumes after the last committed chunk. Bad rows end the job
  // at once (a "rejected" summary, or an AppError), so only a crash or an outage is ever retried.
  csvImport: defineJobKind({ kind: "ingest.csv-import", payload: ZCsvImportPayload, maxAttempts: 3 }),
  // A real data set (OULAD, Online Retail, Bank Marketing) or campaign results, imported in one
  // transaction by the same importer the CLI runs: a crash rolls it all back, so a retry is safe.
  datasetImport: defineJobKind({ kind: "ingest.dataset-import", payload: ZDatasetImportPayload, maxAttempts: 2 }),
  featuresRefresh: defineJobKind({ kind: "features.refresh", payload: z.object({}).strict(), maxAttempts: 2 }),
  segmentsRefresh: defineJobKind({ kind: "segments.refresh", payload: ZRefreshSegmentsPayload, maxAttempts: 2 }),
  modelsTrain: defineJobKind({
    kind: "models.train",
    payload: z.object({ runId: z.uuid(), activateIfNone: z.boolean().optional() }).strict(),
    maxAttempts: 3,
  }),
  modelsScore: defineJobKind({ kind: "models.score", payload: z.object({ runId: z.uuid().optional() }).strict(), maxAttempts: 3 }),
  campaignsDeliver: defineJobKind({ kind: "campaigns.deliver", payload: ZDeliverPayload, maxAttempts: 5 }),
  kpiRollup: defineJobKind({ kind: "kpi.rollup", payload: z.object({ full: z.boolean().optional() }).strict(), maxAttempts: 2 }),
} as const;
