import { recordAudit } from "../audit";
import { formatResultsSummary, importCampaignResults } from "../campaigns";
import { AppError, describeError } from "../errors";
import {
  type DatasetImportResult,
  datasetStagingDir,
  formatReport,
  importBankMarketing,
  importOnlineRetail,
  importOulad,
  type ImportProgress,
  readUploadMeta,
  removeStaging,
  removeUpload,
  stageDatasetFiles,
} from "../ingest";
import { type DatasetImportPayload, handleJob, type JobContext, jobKinds } from "../jobs";
import type { Db } from "../db";

/** Runs the importer the CLI runs on the staged file(s); each importer writes in one transaction. */
async function runImporter(
  db: Db,
  payload: DatasetImportPayload,
  target: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<Pick<DatasetImportResult, "outcome" | "text" | "report" | "results">> {
  if (payload.dataset === "campaign-results") {
    const campaignName = payload.options.campaignName;
    const control = payload.options.control;
    if (!campaignName) throw new AppError("BAD_REQUEST", "campaign-results needs a campaign name", "campaignName");
    if (!control) throw new AppError("BAD_REQUEST", "campaign-results needs the control variant", "control");
    const summary = await importCampaignResults(db, { filePath: target, campaignName, control, onProgress });
    return {
      outcome: summary.outcome,
      text: formatResultsSummary(summary, { campaignName, control }),
      report: null,
      results: summary.outcome === "refused" ? { outcome: "refused", rows: summary.rows, errors: summary.errors } : { outcome: "imported", rows: summary.rows, arms: summary.arms },
    };
  }
  const report =
    payload.dataset === "oulad"
      ? await importOulad(db, target, { onProgress })
      : payload.dataset === "online-retail"
        ? await importOnlineRetail(db, target, { onProgress })
        : await importBankMarketing(db, target, { onProgress });
  return { outcome: "imported", text: formatReport(report), report, results: null };
}

async function run(ctx: JobContext<DatasetImportPayload>): Promise<DatasetImportResult> {
  const { payload } = ctx;
  const uploads = payload.uploadIds.map((id) => readUploadMeta(id));
  const dir = datasetStagingDir(ctx.jobId);
  // Progress writes are queued, not awaited, so reading the file never waits on them.
  let pending: Promise<void> = Promise.resolve();
  const onProgress = (p: ImportProgress) => {
    const report = ctx.reportProgress(Math.min(0.99, p.fraction), `${p.phase}: ${p.rows} rows`);
    pending = pending.then(() => report).catch(() => undefined);
  };
  try {
    const staged = stageDatasetFiles(payload.dataset, uploads, dir);
    const outcome = await runImporter(ctx.db, payload, staged.target, onProgress);
    await pending;
    return { dataset: payload.dataset, files: staged.used, ignored: staged.ignored, ...outcome };
  } finally {
    await pending;
    removeStaging(dir);
  }
}

/**
 * Imports a real data set (or campaign results) an admin uploaded on the Data page. The result is
 * the CLI's summary text and its counts; the import is audited whether it lands, is refused or fails.
 */
export const datasetImportJob = handleJob(jobKinds.datasetImport, async (ctx) => {
  const { payload } = ctx;
  const audit = (action: string, detail: Record<string, unknown>) =>
    recordAudit(ctx.db, { actorId: payload.actor.id, actorEmail: payload.actor.email, action, target: payload.dataset, detail: { jobId: ctx.jobId, ...detail } });
  let result: DatasetImportResult;
  try {
    result = await run(ctx);
  } catch (error) {
    const permanent = error instanceof AppError;
    await audit("data.dataset_import.failed", { attempt: ctx.attempt, error: describeError(error), retried: !permanent }).catch(() => undefined);
    // Another attempt would meet the same files: they are no longer needed.
    if (permanent) for (const id of payload.uploadIds) removeUpload(id);
    throw error;
  }
  const counts = result.report
    ? { read: result.report.read, customers: result.report.customers, products: result.report.products, events: result.report.events, other: result.report.other }
    : { rows: result.results?.rows ?? 0, arms: result.results?.arms ?? {}, errors: result.results?.errors?.length ?? 0 };
  await audit(result.outcome === "imported" ? "data.dataset_import.done" : "data.dataset_import.refused", { files: result.files, ...counts });
  for (const id of payload.uploadIds) removeUpload(id);
  return result;
});
