import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

export type ApiKeyListInput = inferRouterInputs<AppRouter>["apiKeys"]["list"];
export type ApiKeySort = NonNullable<ApiKeyListInput["sort"]>;
export type ApiKeyRow = inferRouterOutputs<AppRouter>["apiKeys"]["list"]["rows"][number];
export type CreatedApiKey = inferRouterOutputs<AppRouter>["apiKeys"]["create"];
