import { expect, test } from "@playwright/test";
import { signIn } from "./ui-helpers";

test("signing out returns to the login page and ends the session", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
