import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

export type AuditRow = inferRouterOutputs<AppRouter>["audit"]["list"]["rows"][number];
