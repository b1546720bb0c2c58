import { z } from "zod";
import { can } from "../../auth";
import { buildWinbackSegment, churnWarning, cohortTriangle, courseDetail, courseTable, filterOptions, funnel, kpiCards, recommendationsFor, requestKpiRollup, ZChurnList, ZCourseDetail, ZKpiFilters, ZRecommendations, ZWinback } from "../../kpi";
import { permissionProcedure, router } from "../trpc";

const ZNoInput = z.object({}).optional();

export const kpiRouter = router({
  options: permissionProcedure("kpi.read")
    .input(ZNoInput)
    .query(({ ctx }) => filterOptions(ctx.db)),
  cards: permissionProcedure("kpi.read")
    .input(ZKpiFilters)
    .query(({ ctx, input }) => kpiCards(ctx.db, input)),
  cohorts: permissionProcedure("kpi.read")
    .input(z.object({ filters: ZKpiFilters, grain: z.enum(["week", "month"]).default("month") }))
    .query(({ ctx, input }) => cohortTriangle(ctx.db, input.filters, input.grain)),
  funnel: permissionProcedure("kpi.read")
    .input(ZKpiFilters)
    .query(({ ctx, input }) => funnel(ctx.db, input)),
  churn: permissionProcedure("kpi.read")
    .input(ZChurnList)
    .query(({ ctx, input }) => churnWarning(ctx.db, input, can(ctx.user.role, "customers.pii"))),
  buildWinback: permissionProcedure("segments.winback")
    .input(ZWinback)
    .mutation(({ ctx, input }) => buildWinbackSegment(ctx.db, ctx.user, input)),
  recommendations: permissionProcedure("kpi.read")
    .input(ZRecommendations)
    .query(({ ctx, input }) => recommendationsFor(ctx.db, input)),
  courses: permissionProcedure("kpi.read")
    .input(ZKpiFilters)
    .query(({ ctx, input }) => courseTable(ctx.db, input)),
  course: permissionProcedure("kpi.read")
    .input(ZCourseDetail)
    .query(({ ctx, input }) => courseDetail(ctx.db, input)),
  refreshRollups: permissionProcedure("data.import")
    .input(ZNoInput)
    .mutation(({ ctx }) => requestKpiRollup(ctx.db, ctx.user)),
});
