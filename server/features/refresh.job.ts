import { handleJob, jobKinds } from "../jobs";
import { enqueueAfterFeatureRefresh } from "./downstream";
import { refreshFeatures } from "./refresh";

export const FEATURE_REFRESH_KIND = jobKinds.featuresRefresh.kind;

/** The worker side of "Refresh features": no options, always a full, transactional rebuild; then rescoring or segment refresh. */
export const refreshFeaturesJob = handleJob(jobKinds.featuresRefresh, async ({ db, reportProgress }) => {
    const summary = await refreshFeatures(db, (fraction, message) => reportProgress(fraction, message));
    const next = await enqueueAfterFeatureRefresh(db);
    return { ...summary, next: { kind: next.kind, jobId: next.id } };
});
