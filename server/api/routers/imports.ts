import { getImport, listImports, previewImport, startImport, ZImportId, ZListImports, ZPreviewImport, ZStartImport } from "../../ingest";
import { permissionProcedure, router } from "../trpc";

export const importsRouter = router({
  preview: permissionProcedure("data.import")
    .input(ZPreviewImport)
    .query(({ input }) => previewImport(input)),
  start: permissionProcedure("data.import")
    .input(ZStartImport)
    .mutation(({ ctx, input }) => startImport(ctx.db, ctx.user, input)),
  get: permissionProcedure("data.import")
    .input(ZImportId)
    .query(({ ctx, input }) => getImport(ctx.db, input.jobId)),
  list: permissionProcedure("data.import")
    .input(ZListImports)
    .query(({ ctx, input }) => listImports(ctx.db, input)),
});
