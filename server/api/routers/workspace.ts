import { workspaceSummary } from "../../workspace";
import { permissionProcedure, router } from "../trpc";

export const workspaceRouter = router({
  summary: permissionProcedure("workspace.read").query(({ ctx }) => workspaceSummary(ctx.db)),
});
