import { recordAudit } from "../../audit";
import { type CsvImportPayload, enqueueJobOnce, handleJob, jobKinds } from "../../jobs";
import { importCsvFile } from "./import";
import { summaryToJson } from "./summary";
import { errorReportPath, readUploadMeta, removeUpload, uploadPath } from "./uploads";

export const CSV_IMPORT_JOB_KIND = jobKinds.csvImport.kind;
export type { CsvImportPayload };

export const csvImportJob = handleJob(jobKinds.csvImport, async (ctx) => {
    const { payload } = ctx;
    const meta = readUploadMeta(payload.uploadId);
    // Progress writes are queued, not awaited, so reading the file never waits on them.
    let pending: Promise<void> = Promise.resolve();
    const summary = await importCsvFile(ctx.db, {
      kind: payload.kind,
      filePath: uploadPath(payload.uploadId),
      fileName: meta.fileName,
      mapping: payload.mapping,
      source: payload.source,
      delimiter: payload.delimiter,
      errorReportPath: errorReportPath(ctx.jobId),
      importKey: payload.uploadId,
      onProgress(fraction, message) {
        const report = ctx.reportProgress(Math.min(0.99, fraction), message);
        pending = pending.then(() => report).catch(() => undefined);
      },
    });
    await pending;
    await recordAudit(ctx.db, {
      actorId: payload.actorId,
      actorEmail: payload.actorEmail,
      action: summary.outcome === "imported" ? "data.import.done" : "data.import.rejected",
      target: meta.fileName,
      detail: { jobId: ctx.jobId, kind: summary.kind, rows: summary.dataRows, inserted: summary.inserted, updated: summary.updated, duplicates: summary.duplicates, errors: summary.errorCount },
    });
    removeUpload(payload.uploadId);
    // New events make the KPI rollups stale: roll up just the days they touched.
    if (summary.outcome === "imported" && summary.kind === "events") await enqueueJobOnce(ctx.db, jobKinds.kpiRollup, {});
    return summaryToJson(summary);
});
