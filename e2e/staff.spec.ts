import { expect, test } from "@playwright/test";
import { DEMO, signIn, uniqueEmail } from "./ui-helpers";

test.beforeEach(async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/staff");
});

test("the create form shows the server's field errors", async ({ page }) => {
  const form = page.getByTestId("create-staff-form");
  await form.getByLabel("Email", { exact: true }).fill("not-an-email");
  await form.getByLabel("Name", { exact: true }).fill("Short Password");
  await form.getByLabel("Initial password").fill("short");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("staff-password-error")).toContainText("at least 12 characters");
  await expect(page.getByTestId("staff-email-error")).toContainText("valid email");
  await expect(form.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
});

test("a duplicate email is reported beside the email field", async ({ page }) => {
  const form = page.getByTestId("create-staff-form");
  await form.getByLabel("Email", { exact: true }).fill(DEMO.manager.email);
  await form.getByLabel("Name", { exact: true }).fill("Duplicate");
  await form.getByLabel("Initial password").fill("long-enough-password");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("staff-email-error")).toContainText("already exists");
});

test("disabling your own account asks first, then shows the server's refusal", async ({ page }) => {
  const row = page.locator(`[data-testid="staff-row"][data-email="${DEMO.admin.email}"]`);
  await row.getByRole("button", { name: "Disable" }).click();
  const dialog = page.getByRole("dialog", { name: "Disable this account?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Disable account" }).click();
  await expect(page.getByTestId("toast-error")).toContainText("You cannot disable your own account");
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
});

test("search, sorting, role change and disable/enable work on a new account", async ({ page }) => {
  const email = uniqueEmail("roles");
  const form = page.getByTestId("create-staff-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill("Zed Rolechange");
  await form.getByLabel("Initial password").fill("long-enough-password");
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(email);

  await page.getByLabel("Search").fill(email);
  const rows = page.getByTestId("staff-row");
  await expect(rows).toHaveCount(1);
  const row = rows.first();

  await row.getByLabel("Role of Zed Rolechange").selectOption("manager");
  await expect(page.getByTestId("toast-success").last()).toContainText("now Manager");

  await row.getByRole("button", { name: "Disable" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Disable account" }).click();
  await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();

  await page.getByLabel("Search").fill("");
  const nameHeader = page.getByRole("columnheader", { name: /Name/ });
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "ascending");
  await nameHeader.getByRole("button").click();
  await expect(nameHeader).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toBeVisible();
});
