import { apiKeysRouter } from "./routers/apiKeys";
import { auditRouter } from "./routers/audit";
import { campaignsRouter } from "./routers/campaigns";
import { customersRouter } from "./routers/customers";
import { featuresRouter } from "./routers/features";
import { datasetsRouter } from "./routers/datasets";
import { importsRouter } from "./routers/imports";
import { kpiRouter } from "./routers/kpi";
import { modelsRouter } from "./routers/models";
import { segmentsRouter } from "./routers/segments";
import { staffRouter } from "./routers/staff";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  imports: importsRouter,
  datasets: datasetsRouter,
  workspace: workspaceRouter,
  staff: staffRouter,
  audit: auditRouter,
  customers: customersRouter,
  features: featuresRouter,
  apiKeys: apiKeysRouter,
  segments: segmentsRouter,
  campaigns: campaignsRouter,
  models: modelsRouter,
  kpi: kpiRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
