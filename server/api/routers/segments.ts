import { env } from "../../env";
import { archiveSegment, countDefinition, exportAudience, featureProfile, fieldValues, getSegment, listRfmPresets, listSegments, modelMetricsInSegment, modelSources, overlap, previewDefinition, queueRefreshOfAllSegments, refreshSegment, resolveExternalIds, rfmGrid, rulesInSegment, saveNewSegment, segmentKpis, segmentMembers, segmentOverview, topOfSegment, updateSegment, ZCountSegment, ZCreateSegment, ZFieldValues, ZListSegments, ZMembers, ZOverlap, ZPreviewSegment, ZProfile, ZResolveExternalIds, ZSegmentId, ZUpdateSegment } from "../../segments";
import { permissionProcedure, router } from "../trpc";

export const segmentsRouter = router({
  list: permissionProcedure("segments.read")
    .input(ZListSegments)
    .query(({ ctx, input }) => listSegments(ctx.db, input)),
  get: permissionProcedure("segments.read")
    .input(ZSegmentId)
    .query(({ ctx, input }) => getSegment(ctx.db, input.id)),
  create: permissionProcedure("segments.write")
    .input(ZCreateSegment)
    .mutation(({ ctx, input }) => saveNewSegment(ctx.db, ctx.user, input)),
  update: permissionProcedure("segments.write")
    .input(ZUpdateSegment)
    .mutation(({ ctx, input }) => updateSegment(ctx.db, ctx.user, input)),
  archive: permissionProcedure("segments.write")
    .input(ZSegmentId)
    .mutation(({ ctx, input }) => archiveSegment(ctx.db, ctx.user, input.id)),
  refresh: permissionProcedure("segments.write")
    .input(ZSegmentId)
    .mutation(({ ctx, input }) => refreshSegment(ctx.db, input.id)),
  refreshAll: permissionProcedure("segments.write").mutation(({ ctx }) => queueRefreshOfAllSegments(ctx.db, ctx.user.id)),
  count: permissionProcedure("segments.read")
    .input(ZCountSegment)
    .query(({ ctx, input }) => countDefinition(ctx.db, input.definition)),
  fieldValues: permissionProcedure("segments.read")
    .input(ZFieldValues)
    .query(({ ctx, input }) => fieldValues(ctx.db, input)),
  preview: permissionProcedure("segments.read")
    .input(ZPreviewSegment)
    .query(({ ctx, input }) => previewDefinition(ctx.db, input.definition, input)),
  rfmGrid: permissionProcedure("segments.read").query(({ ctx }) => rfmGrid(ctx.db)),
  overlap: permissionProcedure("segments.read")
    .input(ZOverlap)
    .query(({ ctx, input }) => overlap(ctx.db, input.a, input.b)),
  presets: permissionProcedure("segments.read").query(() => listRfmPresets()),
  modelSources: permissionProcedure("segments.read").query(({ ctx }) => modelSources(ctx.db)),
  resolveExternalIds: permissionProcedure("segments.write")
    .input(ZResolveExternalIds)
    .mutation(({ ctx, input }) => resolveExternalIds(ctx.db, input.externalIds)),
  overview: permissionProcedure("segments.read")
    .input(ZSegmentId)
    .query(({ ctx, input }) => segmentOverview(ctx.db, input.id)),
  profile: permissionProcedure("segments.read")
    .input(ZProfile)
    .query(({ ctx, input }) => featureProfile(ctx.db, input.id, input.feature)),
  kpis: permissionProcedure("segments.read")
    .input(ZSegmentId)
    .query(({ ctx, input }) => segmentKpis(ctx.db, input.id)),
  top: permissionProcedure("segments.read")
    .input(ZSegmentId)
    .query(({ ctx, input }) => topOfSegment(ctx.db, input.id)),
  rules: permissionProcedure("segments.read")
    .input(ZSegmentId)
    .query(({ ctx, input }) => rulesInSegment(ctx.db, input.id)),
  modelMetrics: permissionProcedure("segments.read")
    .input(ZSegmentId)
    .query(({ ctx, input }) => modelMetricsInSegment(ctx.db, input.id)),
  members: permissionProcedure("segments.read")
    .input(ZMembers)
    .query(({ ctx, input }) => segmentMembers(ctx.db, ctx.user.role, input.id, input.page, input.pageSize)),
  export: permissionProcedure("audience.export")
    .input(ZSegmentId)
    .mutation(({ ctx, input }) => exportAudience(ctx.db, ctx.user, input.id, env().STRATUM_EXPORT_MIN_SIZE)),
});
