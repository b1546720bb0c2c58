import { activate, cancelRun, compareRuns, getRun, getSchedule, listRuns, requestTraining, rollback, setSchedule, ZCompareRuns, ZListRuns, ZRunId, ZSchedule, ZTrainRequest } from "../../models";
import { permissionProcedure, router } from "../trpc";

export const modelsRouter = router({
  runs: permissionProcedure("models.read")
    .input(ZListRuns)
    .query(({ ctx, input }) => listRuns(ctx.db, input.task, input.limit)),
  run: permissionProcedure("models.read")
    .input(ZRunId)
    .query(({ ctx, input }) => getRun(ctx.db, input.id)),
  compare: permissionProcedure("models.read")
    .input(ZCompareRuns)
    .query(({ ctx, input }) => compareRuns(ctx.db, input.a, input.b)),
  schedule: permissionProcedure("models.read").query(({ ctx }) => getSchedule(ctx.db)),
  train: permissionProcedure("models.manage")
    .input(ZTrainRequest)
    .mutation(({ ctx, input }) => requestTraining(ctx.db, ctx.user, input)),
  activate: permissionProcedure("models.manage")
    .input(ZRunId)
    .mutation(({ ctx, input }) => activate(ctx.db, ctx.user, input.id)),
  rollback: permissionProcedure("models.manage")
    .input(ZRunId)
    .mutation(({ ctx, input }) => rollback(ctx.db, ctx.user, input.id)),
  cancel: permissionProcedure("models.manage")
    .input(ZRunId)
    .mutation(({ ctx, input }) => cancelRun(ctx.db, ctx.user, input.id)),
  setSchedule: permissionProcedure("models.manage")
    .input(ZSchedule)
    .mutation(({ ctx, input }) => setSchedule(ctx.db, ctx.user, input)),
});
