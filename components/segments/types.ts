import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type Outputs = inferRouterOutputs<AppRouter>["segments"];

export type SegmentListRow = Outputs["list"]["rows"][number];
export type SegmentSort = "name" | "size" | "updated" | "refreshed";
export type ModelSources = Outputs["modelSources"];
export type SegmentOverview = Outputs["overview"];
export type FeatureProfile = Outputs["profile"];
export type ProfileFeatureKey = FeatureProfile["features"][number]["key"];
export type SegmentKpis = Outputs["kpis"];
export type SegmentTop = Outputs["top"];
export type SegmentRules = Outputs["rules"];
export type SegmentModelMetrics = Outputs["modelMetrics"];
