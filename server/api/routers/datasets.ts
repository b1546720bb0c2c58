import { ZDatasetImportId, ZStartDatasetImport } from "../../../lib/shared/datasets";
import { getDatasetImport, startDatasetImport } from "../../ingest";
import { permissionProcedure, router } from "../trpc";

/** The real data sets (OULAD, Online Retail, Bank Marketing) and campaign results, from the Data page. */
export const datasetsRouter = router({
  start: permissionProcedure("data.import")
    .input(ZStartDatasetImport)
    .mutation(({ ctx, input }) => startDatasetImport(ctx.db, ctx.user, input)),
  get: permissionProcedure("data.import")
    .input(ZDatasetImportId)
    .query(({ ctx, input }) => getDatasetImport(ctx.db, input.jobId)),
});
