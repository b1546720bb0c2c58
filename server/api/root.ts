import { auditRouter } from "./routers/audit";
import { staffRouter } from "./routers/staff";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  workspace: workspaceRouter,
  staff: staffRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
