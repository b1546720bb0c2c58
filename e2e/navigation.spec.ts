import { expect, test } from "@playwright/test";
import { navLinks, signIn, type DemoRole } from "./ui-helpers";

// Mirrors server/auth/permissions.ts: home, overview, customers, segments, campaigns and models are
// readable by everyone; data import, API keys,
// staff and the audit log are admin-only.
const EXPECTED: Record<DemoRole, { links: string[]; badge: string }> = {
  admin: { links: ["Home", "Overview", "Customers", "Segments", "Campaigns", "Models", "Data import", "API keys", "Staff", "Audit log"], badge: "Admin" },
  manager: { links: ["Home", "Overview", "Customers", "Segments", "Campaigns", "Models"], badge: "Manager" },
  marketer: { links: ["Home", "Overview", "Customers", "Segments", "Campaigns", "Models"], badge: "Marketer" },
};

for (const role of Object.keys(EXPECTED) as DemoRole[]) {
  test(`${role} sees exactly the pages the role may use`, async ({ page }) => {
    await signIn(page, role);
    await expect(navLinks(page)).toHaveText(EXPECTED[role].links);
    await expect(page.getByTestId("current-user").getByTestId("role-badge")).toHaveText(EXPECTED[role].badge);
    await expect(page.getByRole("heading", { level: 1, name: "Home" })).toBeVisible();
  });
}

test("the home page shows the workspace summary", async ({ page }) => {
  await signIn(page, "manager");
  // Either the KPI cards (demo data loaded) or the empty state explaining `npm run demo`.
  await expect(page.getByTestId("kpi-customers").or(page.getByTestId("empty-workspace"))).toBeVisible();
});
