import { z } from "zod";
import { defineJob } from "../jobs/registry";
import { enqueueAfterFeatureRefresh } from "./downstream";
import { refreshFeatures } from "./refresh";

export const FEATURE_REFRESH_KIND = "features.refresh";

/** The worker side of "Refresh features": no options, always a full, transactional rebuild; then rescoring or segment refresh. */
export const refreshFeaturesJob = defineJob({
  kind: FEATURE_REFRESH_KIND,
  payload: z.object({}).strict(),
  maxAttempts: 2,
  async handler({ db, reportProgress }) {
    const summary = await refreshFeatures(db, (fraction, message) => reportProgress(fraction, message));
    const next = await enqueueAfterFeatureRefresh(db);
    return { ...summary, next: { kind: next.kind, jobId: next.id } };
  },
});
