import type { Db } from "../../db";
import { recordAudit } from "../../audit";
import { AppError } from "../../errors";
import { enqueueJob, getJob, jobKinds } from "../../jobs";
import type { StartDatasetImportInput } from "../../../lib/shared/datasets";
import { readUploadMeta } from "../csv/uploads";
import { ZDatasetImportResult } from "./result";
import { checkDatasetFiles } from "./staging";

export interface Actor {
  id: string;
  email: string;
}

/**
 * Checks the uploads are there and are the files the data set needs (a missing OULAD table is
 * refused now, by name), then queues the import and audits who started it.
 */
export async function startDatasetImport(db: Db, actor: Actor, input: StartDatasetImportInput) {
  const uploads = input.uploadIds.map((id) => readUploadMeta(id));
  const check = checkDatasetFiles(input.dataset, uploads.map((u) => u.fileName));
  return db.transaction(async (tx) => {
    const job = await enqueueJob(
      tx,
      jobKinds.datasetImport,
      { dataset: input.dataset, uploadIds: input.uploadIds, options: input.options, actor: { id: actor.id, email: actor.email } },
      { createdBy: actor.id },
    );
    await recordAudit(tx, {
      actorId: actor.id,
      actorEmail: actor.email,
      action: "data.dataset_import.start",
      target: input.dataset,
      detail: { jobId: job.id, files: uploads.map((u) => u.fileName), ignored: check.ignored, bytes: uploads.reduce((sum, u) => sum + u.bytes, 0), ...input.options },
    });
    return { jobId: job.id };
  });
}

/** The job as the Data page polls it: status, progress in words and, when done, the summary. */
export async function getDatasetImport(db: Db, jobId: string) {
  const job = await getJob(db, jobId);
  if (!job || job.kind !== jobKinds.datasetImport.kind) throw new AppError("NOT_FOUND", "No data set import with that id", "jobId");
  const result = ZDatasetImportResult.safeParse(job.result);
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    progressMessage: job.progressMessage,
    error: job.error,
    result: result.success ? result.data : null,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
  };
}
