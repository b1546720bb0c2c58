"use client";

import { useState } from "react";
import { signOut } from "next-auth/react";
import { useI18n } from "@/lib/i18n/client";
import { useHydrated } from "@/lib/use-hydrated";

export function SignOutButton() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      className="btn btn-ghost btn-sm btn-block"
      disabled={!hydrated || busy}
      onClick={async () => {
        setBusy(true);
        await signOut({ redirect: false });
        // A full page load, not a client navigation: it drops every cached query of the
        // signed-out user, and unlike next-auth's redirect it never depends on NEXTAUTH_URL.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/login");
      }}
    >
      {busy ? t.nav.signingOut : t.nav.signOut}
    </button>
  );
}
