import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./ui-helpers";

test("the audit log lists sign-ins and filters by action", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/audit");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();

  await page.getByLabel("Action").selectOption("auth.sign_in");
  // Polled: the previous page stays on screen while the filtered one loads.
  await expect
    .poll(async () => [...new Set((await rows.locator("td:nth-child(3)").allInnerTexts()).map((text) => text.trim()))])
    .toEqual(["auth.sign_in"]);

  await page.getByLabel("Search").fill(DEMO.admin.email);
  await expect(rows.first()).toContainText(DEMO.admin.email);
});
