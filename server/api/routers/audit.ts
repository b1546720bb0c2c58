import { z } from "zod";
import { listAudit, listAuditActions } from "../../audit";
import { permissionProcedure, router } from "../trpc";

const ZListAudit = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  action: z.string().max(100).optional(),
  search: z.string().trim().max(100).optional(),
});

export const auditRouter = router({
  list: permissionProcedure("audit.read")
    .input(ZListAudit)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
  actions: permissionProcedure("audit.read").query(({ ctx }) => listAuditActions(ctx.db)),
});
