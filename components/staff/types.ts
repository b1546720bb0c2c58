import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api";

export type StaffListInput = inferRouterInputs<AppRouter>["staff"]["list"];
export type StaffSort = NonNullable<StaffListInput["sort"]>;
export type StaffRow = inferRouterOutputs<AppRouter>["staff"]["list"]["rows"][number];

export function isLocked(row: Pick<StaffRow, "lockedUntil">, now = Date.now()): boolean {
  return row.lockedUntil !== null && row.lockedUntil.getTime() > now;
}
