import { z } from "zod";
import { defineJob } from "../jobs/registry";
import { refreshFeatures } from "./refresh";

export const FEATURE_REFRESH_KIND = "features.refresh";

/** The worker side of "Refresh features": no options, always a full, transactional rebuild. */
export const refreshFeaturesJob = defineJob({
  kind: FEATURE_REFRESH_KIND,
  payload: z.object({}).strict(),
  maxAttempts: 2,
  async handler({ db, reportProgress }) {
    const summary = await refreshFeatures(db, (fraction, message) => reportProgress(fraction, message));
    return { ...summary };
  },
});
