import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./ui-helpers";

const EXTERNAL_ID = "demo-c0000042";

async function openProfile(page: Page): Promise<void> {
  await page.goto("/customers");
  await page.getByLabel("External id").fill(EXTERNAL_ID);
  const rows = page.getByTestId("customer-row");
  await expect(rows).toHaveCount(1);
  await rows.first().getByRole("link", { name: EXTERNAL_ID }).click();
  await expect(page).toHaveURL(/\/customers\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(EXTERNAL_ID);
}

test.describe.configure({ mode: "serial" });

test("an admin refreshes features and follows the job to completion", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "admin");
  await page.goto("/customers");
  await page.getByRole("button", { name: "Refresh features" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(/Features refreshed for \d+ customers/, { timeout: 90_000 });
  await expect(page.getByTestId("feature-status")).toContainText(/Features for \d+ customers/);
});

test("a marketer finds a customer by external id and sees a masked profile with features and timeline", async ({ page }) => {
  await signIn(page, "marketer");
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Customers" })).toBeVisible();
  await page.goto("/customers");
  await expect(page.getByRole("button", { name: "Refresh features" })).toHaveCount(0);
  await openProfile(page);
  await expect(page.getByTestId("profile-email")).toContainText("***@");
  await expect(page.getByTestId("profile-personal")).toContainText("Masked for your role");
  await expect(page.getByTestId("feature-cards")).toBeVisible();
  await expect(page.getByTestId("feature-frequency")).toContainText(/P\d+ in population/);
  await expect(page.getByTestId("profile-activity").getByTestId("chart-time-series")).toBeVisible();
  await expect(page.getByTestId("timeline-row").first()).toBeVisible();
  // The reasons stored with each classifier score are shown beside it.
  await expect(page.getByTestId("profile-scores").getByTestId("score-reasons").first()).toContainText(/Why this score: .+ \(\+\d/);
  await expect(page.getByRole("button", { name: "Erase customer" })).toHaveCount(0);
});

test("an admin sees the unmasked email", async ({ page }) => {
  await signIn(page, "admin");
  await openProfile(page);
  const email = page.getByTestId("profile-email");
  await expect(email).toContainText("@");
  await expect(email).not.toContainText("***");
  await expect(page.getByTestId("profile-personal")).not.toContainText("Masked for your role");
});

test("the customer list keeps its filter, search and sort in the URL, so a reload shows the same list", async ({ page }) => {
  await signIn(page, "marketer");
  await page.goto("/customers");
  await expect(page.getByTestId("customer-row").first()).toBeVisible();
  const region = page.getByTestId("customer-filters").getByLabel("Region");
  const value = await region.locator("option").nth(1).getAttribute("value");
  await region.selectOption(value ?? "");
  await page.getByRole("button", { name: /^Recency/ }).click();
  await expect(page).toHaveURL(/region=/);
  await expect(page).toHaveURL(/sort=recencyDays/);

  await page.reload();
  await expect(page.getByTestId("customer-filters").getByLabel("Region")).toHaveValue(value ?? "");
  await expect(page.getByRole("columnheader", { name: /^Recency/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByTestId("customer-row").first()).toContainText(value ?? "");
});
