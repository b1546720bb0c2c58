import { recordAudit } from "../audit";
import type { Db } from "../db";
import { AppError } from "../errors";
import { enqueueJob, getJob, jobKinds } from "../jobs";
import { findLatestRefreshJob, findOpenRefreshJob, runQueuedRefreshNow } from "./status.repo";

export interface Actor {
  id: string;
  email: string;
}

/** Queues a refresh (or returns the one already queued or running) and audits the request. */
export async function requestFeatureRefresh(db: Db, actor: Actor) {
  return db.transaction(async (tx) => {
    const open = await findOpenRefreshJob(tx);
    if (open) {
      // An admin asking now should not wait out the delay the ingestion API queued it with.
      await runQueuedRefreshNow(tx, open);
      return { id: open, alreadyQueued: true };
    }
    const { id } = await enqueueJob(tx, jobKinds.featuresRefresh, {}, { createdBy: actor.id });
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "features.refresh", target: id });
    return { id, alreadyQueued: false };
  });
}

/** A refresh job's state for the progress bar; other job kinds are not visible through here. */
export async function featureRefreshJob(db: Db, id: string) {
  const job = await getJob(db, id);
  if (!job || job.kind !== jobKinds.featuresRefresh.kind) throw new AppError("NOT_FOUND", "No feature refresh job with that id", "id");
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    message: job.progressMessage,
    error: job.error,
    result: job.result,
    createdAt: job.createdAt,
    /** Set while the job waits for a later start (the ingestion API's delayed refresh). */
    scheduledFor: job.status === "queued" && job.runAt.getTime() > Date.now() ? job.runAt : null,
    finishedAt: job.finishedAt,
  };
}

export async function latestFeatureRefreshJob(db: Db) {
  const id = await findLatestRefreshJob(db);
  return id ? featureRefreshJob(db, id) : null;
}
