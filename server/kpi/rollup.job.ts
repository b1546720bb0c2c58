import { handleJob, jobKinds } from "../jobs";
import { refreshKpiRollups } from "./rollup";

export const KPI_ROLLUP_KIND = jobKinds.kpiRollup.kind;

/** Incremental KPI rollup, queued after imports and demo loads (and on demand by an admin). */
export const kpiRollupJob = handleJob(jobKinds.kpiRollup, async ({ db, payload, reportProgress }) => {
    const summary = await refreshKpiRollups(db, { full: payload.full ?? false }, (fraction, message) => reportProgress(fraction, message));
    return { ...summary };
});
