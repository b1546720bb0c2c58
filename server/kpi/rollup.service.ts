import { recordAudit } from "../audit";
import type { Db } from "../db";
import { enqueueJobOnce, jobKinds } from "../jobs";

/**
 * An admin asks for the KPI rollups to catch up (e.g. after events arrived through the HTTP API).
 * A rollup already waiting is the answer, brought forward to now: asking twice queues one job.
 */
export async function requestKpiRollup(db: Db, actor: { id: string; email: string }) {
  return db.transaction(async (tx) => {
    const { id } = await enqueueJobOnce(tx, jobKinds.kpiRollup, {}, { createdBy: actor.id });
    await recordAudit(tx, { actorId: actor.id, actorEmail: actor.email, action: "kpi.rollup", target: id });
    return { id };
  });
}
