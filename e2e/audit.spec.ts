import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./ui-helpers";

test("the audit log lists sign-ins and filters by action", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/audit");
  const rows = page.getByTestId("audit-row");
  await expect(rows.first()).toBeVisible();

  // The filter offers actions in words; the stored code is the option's value.
  await page.getByLabel("Action").selectOption({ label: "Signed in" });
  // Polled: the previous page stays on screen while the filtered one loads.
  await expect.poll(async () => [...new Set(await rows.getByTestId("audit-action").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("data-action"))))]).toEqual(["auth.sign_in"]);
  await expect.poll(async () => [...new Set((await rows.getByTestId("audit-action").allInnerTexts()).map((text) => text.trim()))]).toEqual(["Signed in"]);

  await page.getByLabel("Search").fill(DEMO.admin.email);
  await expect(rows.first()).toContainText(DEMO.admin.email);
});
