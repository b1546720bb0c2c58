import { enqueueJob } from "../../jobs/queue";
import { countSegment, previewMembers, rfmGrid, ruleOf } from "../../segments/preview.service";
import { refreshSegmentsJob } from "../../segments/refresh.job";
import { listRfmPresets } from "../../segments/rfm-presets";
import {
  ZCountSegment,
  ZCreateSegment,
  ZListSegments,
  ZOverlap,
  ZPreviewSegment,
  ZSegmentId,
  ZUpdateSegment,
} from "../../segments/segments.schemas";
import { archiveSegment, createSegment, getSegment, listSegments, overlap, refreshSegment, updateSegment } from "../../segments/segments.service";
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
    .mutation(({ ctx, input }) => createSegment(ctx.db, ctx.user, input)),
  update: permissionProcedure("segments.write")
    .input(ZUpdateSegment)
    .mutation(({ ctx, input }) => updateSegment(ctx.db, ctx.user, input)),
  archive: permissionProcedure("segments.write")
    .input(ZSegmentId)
    .mutation(({ ctx, input }) => archiveSegment(ctx.db, ctx.user, input.id)),
  refresh: permissionProcedure("segments.write")
    .input(ZSegmentId)
    .mutation(({ ctx, input }) => refreshSegment(ctx.db, input.id)),
  refreshAll: permissionProcedure("segments.write").mutation(({ ctx }) =>
    enqueueJob(ctx.db, refreshSegmentsJob, {}, { createdBy: ctx.user.id }),
  ),
  count: permissionProcedure("segments.read")
    .input(ZCountSegment)
    .query(({ ctx, input }) => countSegment(ctx.db, ruleOf(input.definition))),
  preview: permissionProcedure("segments.read")
    .input(ZPreviewSegment)
    .query(({ ctx, input }) => previewMembers(ctx.db, ruleOf(input.definition), input)),
  rfmGrid: permissionProcedure("segments.read").query(({ ctx }) => rfmGrid(ctx.db)),
  overlap: permissionProcedure("segments.read")
    .input(ZOverlap)
    .query(({ ctx, input }) => overlap(ctx.db, input.a, input.b)),
  presets: permissionProcedure("segments.read").query(() => listRfmPresets()),
});
