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
import {
  beginTwoFactor,
  confirmTwoFactor,
  disableTwoFactor,
  resetTwoFactor,
  twoFactorStatus,
  ZConfirmTwoFactor,
  ZDisableTwoFactor,
  ZResetTwoFactor,
} from "../../auth";
import { permissionProcedure, router } from "../trpc";

/** One's own two-factor sign-in (account.self, every role), and an admin's reset of someone else's. */
const twoFactorRouter = router({
  status: permissionProcedure("account.self").query(({ ctx }) => twoFactorStatus(ctx.db, ctx.user)),
  begin: permissionProcedure("account.self").mutation(({ ctx }) => beginTwoFactor(ctx.db, ctx.user)),
  confirm: permissionProcedure("account.self")
    .input(ZConfirmTwoFactor)
    .mutation(({ ctx, input }) => confirmTwoFactor(ctx.db, ctx.user, input.code)),
  disable: permissionProcedure("account.self")
    .input(ZDisableTwoFactor)
    .mutation(({ ctx, input }) => disableTwoFactor(ctx.db, ctx.user, input)),
  reset: permissionProcedure("staff.manage")
    .input(ZResetTwoFactor)
    .mutation(({ ctx, input }) => resetTwoFactor(ctx.db, ctx.user, input.id)),
});

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
  twoFactor: twoFactorRouter,
});
