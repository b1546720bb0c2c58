import { expect, test, type Page } from "@playwright/test";
import { base32Decode, totp } from "../server/auth/totp";
import { signIn, submitLogin, uniqueEmail } from "./ui-helpers";

async function createStaffThroughUi(page: Page, email: string, password: string) {
  await page.goto("/staff");
  const form = page.getByTestId("create-staff-form");
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Name", { exact: true }).fill("Two Factor Tester");
  await form.getByLabel("Role", { exact: true }).selectOption("manager");
  await form.getByLabel("Initial password").fill(password);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(email);
}

test("enrol in two-factor sign-in on /account, sign out, sign in with a code from the authenticator", async ({ page, browser }) => {
  const email = uniqueEmail("twofactor");
  const initial = "initial phrase from the admin";
  const chosen = "my own two factor phrase";
  await signIn(page, "admin");
  await createStaffThroughUi(page, email, initial);

  const context = await browser.newContext();
  const member = await context.newPage();
  // The admin chose the first password: change it (finding 16), then sign in with the new one.
  await submitLogin(member, email, initial);
  const forced = member.getByTestId("forced-password-change");
  await forced.getByLabel("Current password", { exact: true }).fill(initial);
  await forced.getByLabel("New password", { exact: true }).fill(chosen);
  await forced.getByLabel("Repeat the new password").fill(chosen);
  await forced.getByRole("button", { name: "Change password" }).click();
  await expect(member).toHaveURL(/\/login\?changed=1$/);
  await submitLogin(member, email, chosen);
  await expect(member).toHaveURL(/\/$/);

  // Enrol: the setup key and the otpauth:// link are shown as text; the test is the authenticator.
  await member.goto("/account");
  const card = member.getByTestId("account-two-factor");
  await expect(card.getByTestId("two-factor-off")).toBeVisible();
  await card.getByRole("button", { name: "Set up two-factor sign-in" }).click();
  const secret = await card.getByTestId("two-factor-secret").inputValue();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(card.getByTestId("two-factor-uri")).toHaveValue(new RegExp(`^otpauth://totp/Stratum:.*secret=${secret}&issuer=Stratum`));
  const seed = base32Decode(secret);

  await card.getByLabel("6-digit code from the app").fill(totp(seed) === "000000" ? "111111" : "000000");
  await card.getByRole("button", { name: "Turn on", exact: true }).click();
  await expect(member.getByTestId("two-factor-code-error")).toContainText("code does not match");

  await card.getByLabel("6-digit code from the app").fill(totp(seed));
  await card.getByRole("button", { name: "Turn on", exact: true }).click();
  const codes = card.getByTestId("two-factor-recovery-code");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.allInnerTexts()).map((text) => text.trim());
  await card.getByRole("button", { name: "I have saved them: sign in again" }).click();
  await expect(member).toHaveURL(/\/login$/);

  // Password alone is not enough now: the form asks for a code.
  await member.getByLabel("Email").fill(email);
  await member.getByLabel("Password").fill(chosen);
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member.getByTestId("login-error")).toHaveAttribute("data-error", "twoFactorRequired");
  const codeField = member.getByLabel("Authenticator or recovery code");
  await expect(codeField).toBeVisible();
  // The code the confirmation used is spent; the next step's is inside the ±30 s window and fresh.
  await codeField.fill(totp(seed, Date.now() + 30_000));
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member).toHaveURL(/\/$/);
  await expect(member.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await member.goto("/account");
  await expect(member.getByTestId("two-factor-on")).toContainText("10 unused recovery codes left");

  // A recovery code signs in once.
  await member.getByRole("button", { name: "Sign out" }).first().click();
  await expect(member).toHaveURL(/\/login/);
  await submitLogin(member, email, chosen);
  await expect(member.getByTestId("login-error")).toHaveAttribute("data-error", "twoFactorRequired");
  await member.getByLabel("Authenticator or recovery code").fill(recovery[0]!);
  await member.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(member).toHaveURL(/\/$/);

  // Lost the phone: an admin resets it from the Staff screen; the password alone works again.
  await page.goto("/staff");
  await page.getByLabel("Search").fill(email);
  const row = page.getByTestId("staff-row");
  await expect(row).toHaveCount(1);
  await row.getByTestId("reset-two-factor").click();
  await expect(page.getByTestId("toast-success").last()).toContainText("Two-factor sign-in of Two Factor Tester was turned off");
  await expect(row.getByTestId("reset-two-factor")).toHaveCount(0);
  await member.goto("/account");
  await expect(member).toHaveURL(/\/login/);
  await submitLogin(member, email, chosen);
  await expect(member).toHaveURL(/\/$/);
  await context.close();
});
