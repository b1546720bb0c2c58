import {
  changeOwnPassword,
  createStaff,
  listStaff,
  setStaffDisabled,
  setStaffRole,
  unlockStaff,
  ZChangePassword,
  ZCreateStaff,
  ZListStaff,
  ZSetDisabled,
  ZSetRole,
  ZStaffId,
} from "../../staff";
import { permissionProcedure, router } from "../trpc";

export const staffRouter = router({
  list: permissionProcedure("staff.read")
    .input(ZListStaff)
    .query(({ ctx, input }) => listStaff(ctx.db, input)),
  create: permissionProcedure("staff.manage")
    .input(ZCreateStaff)
    .mutation(({ ctx, input }) => createStaff(ctx.db, ctx.user, input)),
  setRole: permissionProcedure("staff.manage")
    .input(ZSetRole)
    .mutation(({ ctx, input }) => setStaffRole(ctx.db, ctx.user, input.id, input.role)),
  setDisabled: permissionProcedure("staff.manage")
    .input(ZSetDisabled)
    .mutation(({ ctx, input }) => setStaffDisabled(ctx.db, ctx.user, input.id, input.disabled)),
  unlock: permissionProcedure("staff.manage")
    .input(ZStaffId)
    .mutation(({ ctx, input }) => unlockStaff(ctx.db, ctx.user, input.id)),
  /** Every role changes its own password (and nobody else's) here. */
  changePassword: permissionProcedure("account.self")
    .input(ZChangePassword)
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user, input)),
});
