import { expect, type Page } from "@playwright/test";

/** Accounts created by the demo seed (see the lead's Playwright webServer). */
export const DEMO = {
  admin: { email: "admin@stratum.local", password: "stratum-admin-demo", name: "Admin" },
  manager: { email: "manager@stratum.local", password: "stratum-manager-demo", name: "Manager" },
  marketer: { email: "marketer@stratum.local", password: "stratum-marketer-demo", name: "Marketer" },
} as const;

export type DemoRole = keyof typeof DEMO;

/** Unique per run and per call: the database persists across the tests of one run. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@e2e.stratum.local`;
}

export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await submitLogin(page, DEMO[role].email, DEMO[role].password);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
}

export function navLinks(page: Page) {
  return page.getByRole("navigation", { name: "Main navigation" }).getByRole("link");
}
