import "server-only";
import { cache } from "react";
import { currentStaff, type SessionUser } from "../auth";
import { getDatabase } from "../db";
import { createCaller } from "./root";

/** The signed-in staff member, looked up once per request however many server components ask. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  return currentStaff(await getDatabase());
});

/**
 * Procedures called from a server component: the same router, permission checks and errors as the
 * browser's tRPC client, without an HTTP round trip, so a page never needs the database itself.
 */
export const serverCaller = cache(async () => {
  const { db } = await getDatabase();
  return createCaller({ db, user: await getCurrentUser() });
});
