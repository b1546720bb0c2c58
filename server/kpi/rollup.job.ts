import { z } from "zod";
import { defineJob } from "../jobs/registry";
import { refreshKpiRollups } from "./rollup";

export const KPI_ROLLUP_KIND = "kpi.rollup";

/** Incremental KPI rollup, queued after imports and demo loads (and on demand by an admin). */
export const kpiRollupJob = defineJob({
  kind: KPI_ROLLUP_KIND,
  payload: z.object({ full: z.boolean().optional() }).strict(),
  maxAttempts: 2,
  async handler({ db, payload, reportProgress }) {
    const summary = await refreshKpiRollups(db, { full: payload.full ?? false }, (fraction, message) => reportProgress(fraction, message));
    return { ...summary };
  },
});
