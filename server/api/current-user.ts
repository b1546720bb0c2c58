import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
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
  const user = await getCurrentUser();
  // An admin-set password must be changed first: a page that asks for data goes to /account
  // (whose page asks for none), instead of failing on the procedures' refusal.
  if (user?.mustChangePassword) redirect("/account");
  // Likewise an admin who must enrol in two-factor sign-in (STRATUM_REQUIRE_2FA=1).
  if (user?.mustEnrolTwoFactor) redirect("/account");
  return createCaller({ db, user });
});
