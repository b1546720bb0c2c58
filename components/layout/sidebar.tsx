"use client";

import { useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/server/auth";
import type { NavKey } from "@/lib/navigation";
import { useI18n } from "@/lib/i18n/client";
import { RoleBadge } from "@/components/ui/role-badge";
import { LocaleSwitch } from "./locale-switch";
import { SignOutButton } from "./sign-out-button";

export interface SidebarLink {
  key: NavKey;
  href: string;
}

interface SidebarProps {
  links: SidebarLink[];
  user: { name: string; email: string; role: Role };
}

function matches(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/** The most specific link wins, so /data/api-keys lights "API keys" and not "Data import" too. */
function activeHref(pathname: string, hrefs: readonly string[]): string | undefined {
  return hrefs.filter((href) => matches(pathname, href)).sort((a, b) => b.length - a.length)[0];
}

/** Links arrive already filtered by the server from the permission matrix. */
export function Sidebar({ links, user }: SidebarProps) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const current = activeHref(pathname, links.map((link) => link.href));

  return (
    <>
      <header className="topbar">
        <span className="sidebar-brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          {t.app.name}
        </span>
        <button type="button" className="btn btn-ghost btn-sm" style={{ color: "#fff" }} aria-expanded={open} aria-controls="sidebar" onClick={() => setOpen(true)}>
          {t.nav.openMenu}
        </button>
      </header>
      {open && <div className="sidebar-backdrop" onClick={() => setOpen(false)} aria-hidden="true" />}
      <aside id="sidebar" className="sidebar" data-open={open}>
        <div className="sidebar-brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          {t.app.name}
        </div>
        <nav className="sidebar-nav" aria-label={t.nav.label}>
          <ul>
            {links.map((link) => (
              <li key={link.key}>
                <Link href={link.href} onClick={() => setOpen(false)} aria-current={link.href === current ? "page" : undefined} data-testid={`nav-${link.key}`}>
                  {t.nav[link.key]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">
          <div className="user-card" data-testid="current-user">
            <span className="user-name" data-i18n-skip>
              {user.name}
            </span>
            <span className="user-email">{user.email}</span>
            <span>
              <RoleBadge role={user.role} label={t.roles[user.role]} />
            </span>
            <Link href="/account" onClick={() => setOpen(false)} aria-current={pathname === "/account" ? "page" : undefined} data-testid="nav-account">
              {t.nav.account}
            </Link>
          </div>
          <LocaleSwitch />
          <SignOutButton />
          <button type="button" className="btn btn-ghost btn-sm sidebar-close" onClick={() => setOpen(false)}>
            {t.nav.closeMenu}
          </button>
        </div>
      </aside>
    </>
  );
}
