import { customerFilterOptions, eraseCustomer, getCustomerProfile, listCustomers, timelineOf, ZCustomerId, ZEraseCustomer, ZListCustomers, ZTimeline } from "../../customers";
import { z } from "zod";
import { permissionProcedure, router } from "../trpc";

export const customersRouter = router({
  list: permissionProcedure("customers.read")
    .input(ZListCustomers)
    .query(({ ctx, input }) => listCustomers(ctx.db, ctx.user.role, input)),
  filters: permissionProcedure("customers.read")
    .input(z.object({}).optional())
    .query(({ ctx }) => customerFilterOptions(ctx.db)),
  get: permissionProcedure("customers.read")
    .input(ZCustomerId)
    .query(({ ctx, input }) => getCustomerProfile(ctx.db, ctx.user.role, input.id)),
  timeline: permissionProcedure("customers.read")
    .input(ZTimeline)
    .query(({ ctx, input }) => timelineOf(ctx.db, input.id, input.page, input.pageSize)),
  erase: permissionProcedure("customers.erase")
    .input(ZEraseCustomer)
    .mutation(({ ctx, input }) => eraseCustomer(ctx.db, ctx.user, input)),
});
