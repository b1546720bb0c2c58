import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

type Inputs = inferRouterInputs<AppRouter>["customers"];
type Outputs = inferRouterOutputs<AppRouter>["customers"];

export type CustomerListInput = Inputs["list"];
export type CustomerSort = NonNullable<CustomerListInput["sort"]>;
export type CustomerRow = Outputs["list"]["rows"][number];
export type FilterOptions = Outputs["filters"];
export type CustomerProfile = Outputs["get"];
export type CustomerFeatures = NonNullable<CustomerProfile["features"]>;
export type TimelinePage = Outputs["timeline"];

/** The filters the browser can set; everything else in the list input is paging and order. */
export type CustomerFilters = Pick<
  CustomerListInput,
  "search" | "channel" | "region" | "cityTier" | "ageBand" | "device" | "consent" | "rScore" | "fScore" | "mScore" | "segmentId" | "risk"
>;
