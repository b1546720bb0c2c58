import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/server/api";
import { navigationFor } from "@/lib/navigation";
import { Sidebar } from "@/components/layout/sidebar";
import { ForcedPasswordChange } from "@/components/auth/forced-password-change";
import { ForcedTwoFactorEnrol } from "@/components/auth/forced-two-factor-enrol";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  // An admin-set password: no page renders (and no procedure answers) until it is changed; the
  // change form moves the address to /account.
  if (user.mustChangePassword) return <ForcedPasswordChange email={user.email} />;
  // STRATUM_REQUIRE_2FA=1 and an admin without two-factor sign-in: only the enrolment, likewise.
  if (user.mustEnrolTwoFactor) return <ForcedTwoFactorEnrol email={user.email} />;
  const links = navigationFor(user.role).map(({ key, href }) => ({ key, href }));
  return (
    <div className="shell">
      <Sidebar links={links} user={{ name: user.name, email: user.email, role: user.role }} />
      <main className="main">{children}</main>
    </div>
  );
}
