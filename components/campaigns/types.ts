import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type Outputs = inferRouterOutputs<AppRouter>["campaigns"];
export type CampaignListRow = Outputs["list"]["rows"][number];
export type CampaignDetail = Outputs["get"];
export type CampaignResults = Outputs["results"];
export type UpliftReport = Outputs["uplift"];
export type SegmentPowerPlan = NonNullable<Outputs["power"]["segment"]>;
export type CampaignStatus = CampaignListRow["status"];
export type CampaignSort = "name" | "status" | "startsAt" | "created";
