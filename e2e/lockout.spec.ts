import { expect, test, type Page } from "@playwright/test";
import { signIn, submitLogin, uniqueEmail } from "./ui-helpers";

async function createStaffThroughUi(page: Page, email: string, password: string) {
  await page.goto("/staff");
  const form = page.getByTestId("create-staff-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill("Locked Out Tester");
  await form.getByLabel("Role", { exact: true }).selectOption("marketer");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(email);
  await expect(page.locator(`[data-testid="staff-row"][data-email="${email}"]`)).toBeVisible();
}

test("five wrong passwords lock a new account, and the admin can unlock it", async ({ page, browser }) => {
  const email = uniqueEmail("lockout");
  const password = "correct-horse-battery";
  await signIn(page, "admin");
  await createStaffThroughUi(page, email, password);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const error = visitor.getByTestId("login-error");
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitLogin(visitor, email, `wrong-password-${attempt}`);
    await expect(error).toHaveAttribute("data-error", "invalid");
    await expect(error).toHaveText("Email or password is incorrect.");
  }
  // The fifth failure is the one that locks; the answer stays the generic one (finding 10), with
  // the hint that tells a real user a lock may be why.
  await submitLogin(visitor, email, "wrong-password-5");
  await expect(error).toHaveAttribute("data-error", "invalid");
  await expect(visitor.getByTestId("login-lockout-hint")).toContainText("locked for 15 minutes");

  // Even the right password is refused while locked, with the same answer.
  await submitLogin(visitor, email, password);
  await expect(error).toHaveAttribute("data-error", "invalid");
  await expect(visitor).toHaveURL(/\/login$/);

  const row = page.locator(`[data-testid="staff-row"][data-email="${email}"]`);
  await page.reload();
  await expect(row.getByText("Locked", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Unlock" }).click();
  await expect(page.getByTestId("toast-success")).toContainText("unlocked");
  await expect(row.getByText("Active", { exact: true })).toBeVisible();

  // The admin chose this password, so the first sign-in leads to the change-password form and
  // nothing else (finding 16).
  await submitLogin(visitor, email, password);
  await expect(visitor).toHaveURL(/\/account$/);
  const forced = visitor.getByTestId("forced-password-change");
  await expect(forced).toBeVisible();
  await expect(visitor.getByRole("navigation", { name: "Main navigation" })).toHaveCount(0);
  await visitor.goto("/customers");
  await expect(visitor).toHaveURL(/\/account$/);
  await expect(forced).toBeVisible();

  await forced.getByLabel("Current password", { exact: true }).fill(password);
  await forced.getByLabel("New password", { exact: true }).fill("Password2024!");
  await forced.getByLabel("Repeat the new password").fill("Password2024!");
  await forced.getByRole("button", { name: "Change password" }).click();
  await expect(visitor.getByTestId("account-new-password-error")).toContainText("too common");

  const chosen = "my own sign-in phrase";
  await forced.getByLabel("New password", { exact: true }).fill(chosen);
  await forced.getByLabel("Repeat the new password").fill(chosen);
  await forced.getByRole("button", { name: "Change password" }).click();
  await expect(visitor).toHaveURL(/\/login\?changed=1$/);
  await expect(visitor.getByTestId("login-password-changed")).toBeVisible();

  await visitor.getByLabel("Email").fill(email);
  await visitor.getByLabel("Password").fill(chosen);
  await visitor.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(visitor).toHaveURL(/\/$/);
  await expect(visitor.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await visitorContext.close();
});
