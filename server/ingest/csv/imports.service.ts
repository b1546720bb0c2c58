import type { Db } from "../../db";
import { recordAudit } from "../../audit";
import { AppError } from "../../errors";
import { enqueueJob, getJob, jobKinds, ZCsvImportPayload } from "../../jobs";
import { listImportJobs } from "./imports.repo";
import type { ListImportsInput, PreviewImportInput, StartImportInput } from "./imports.schemas";
import { resolveMapping } from "./mapping";
import { previewCsvFile } from "./preview";
import { ZCsvImportSummary } from "./summary";
import { readUploadMeta, uploadPath } from "./uploads";

export interface Actor {
  id: string;
  email: string;
}

export async function previewImport(input: PreviewImportInput) {
  const meta = readUploadMeta(input.uploadId);
  const preview = await previewCsvFile(uploadPath(input.uploadId), input.kind, input.delimiter);
  return { ...preview, fileName: meta.fileName, bytes: meta.bytes };
}

/** Checks the mapping against the header now (so mistakes show at once) and queues the import. */
export async function startImport(db: Db, actor: Actor, input: StartImportInput) {
  const meta = readUploadMeta(input.uploadId);
  const preview = await previewCsvFile(uploadPath(input.uploadId), input.kind, input.delimiter);
  resolveMapping(input.kind, preview.columns, input.mapping);
  return db.transaction(async (tx) => {
    const job = await enqueueJob(
      tx,
      jobKinds.csvImport,
      { ...input, actorId: actor.id, actorEmail: actor.email },
      { createdBy: actor.id },
    );
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "data.import.start",
      target: meta.fileName,
      detail: { jobId: job.id, kind: input.kind, bytes: meta.bytes, source: input.source },
    });
    return { jobId: job.id };
  });
}

function parseResult(result: unknown) {
  const parsed = ZCsvImportSummary.safeParse(result);
  return parsed.success ? parsed.data : null;
}

export async function getImport(db: Db, jobId: string) {
  const job = await getJob(db, jobId);
  if (!job || job.kind !== jobKinds.csvImport.kind) throw new AppError("NOT_FOUND", "No import with that id", "jobId");
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    progressMessage: job.progressMessage,
    error: job.error,
    summary: parseResult(job.result),
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}

export async function listImports(db: Db, input: ListImportsInput) {
  const { rows, total } = await listImportJobs(db, jobKinds.csvImport.kind, input.page, input.pageSize);
  return {
    rows: rows.map((row) => {
      const payload = ZCsvImportPayload.safeParse(row.payload);
      return {
        id: row.id,
        status: row.status,
        progress: row.progress,
        kind: payload.success ? payload.data.kind : null,
        error: row.error,
        summary: parseResult(row.result),
        createdAt: row.createdAt,
        finishedAt: row.finishedAt,
        createdByEmail: row.createdByEmail,
      };
    }),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}
