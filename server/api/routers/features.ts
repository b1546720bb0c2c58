import { z } from "zod";
import { featureRefreshJob, featureTableStatus, latestFeatureRefreshJob, outlierReport, requestFeatureRefresh } from "../../features";
import { permissionProcedure, router } from "../trpc";

const ZJobId = z.object({ id: z.uuid({ message: "id must be a job id" }) });
const ZNoInput = z.object({}).optional();

export const featuresRouter = router({
  status: permissionProcedure("customers.read")
    .input(ZNoInput)
    .query(({ ctx }) => featureTableStatus(ctx.db)),
  refresh: permissionProcedure("data.import")
    .input(ZNoInput)
    .mutation(({ ctx }) => requestFeatureRefresh(ctx.db, ctx.user)),
  job: permissionProcedure("data.import")
    .input(ZJobId)
    .query(({ ctx, input }) => featureRefreshJob(ctx.db, input.id)),
  latestJob: permissionProcedure("data.import")
    .input(ZNoInput)
    .query(({ ctx }) => latestFeatureRefreshJob(ctx.db)),
  /** Per numeric feature: how many values a 95th / 99th percentile cap would clip (the Data page). */
  outliers: permissionProcedure("data.import")
    .input(ZNoInput)
    .query(({ ctx }) => outlierReport(ctx.db)),
});
