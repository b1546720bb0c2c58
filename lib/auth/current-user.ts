import "server-only";
import { cache } from "react";
import { getDatabase } from "@/server/db";
import { currentStaff, type SessionUser } from "@/server/auth";

/** The signed-in staff member, looked up once per request however many components ask. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  return currentStaff(await getDatabase());
});
