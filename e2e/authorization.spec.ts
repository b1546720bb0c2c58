import { expect, test } from "@playwright/test";
import { signIn, uniqueEmail } from "./ui-helpers";

const staffInput = () => ({ email: uniqueEmail("intruder"), name: "Should Not Exist", role: "admin", password: "long-enough-password" });

test("anonymous visitors are sent to the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to Stratum" })).toBeVisible();
});

test("anonymous calls to a staff procedure are refused", async ({ page }) => {
  const response = await page.request.post("/api/trpc/staff.create", { data: { json: staffInput() } });
  expect(response.status()).toBe(401);
});

for (const path of ["/staff", "/audit"]) {
  test(`a marketer opening ${path} gets the refusal state, not the data`, async ({ page }) => {
    await signIn(page, "marketer");
    await page.goto(path);
    await expect(page.getByTestId("forbidden")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });
}

test("a manager opening /staff is refused too", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/staff");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("create-staff-form")).toHaveCount(0);
});

test("a marketer calling staff.create directly gets 403 and nothing is created", async ({ page }) => {
  await signIn(page, "marketer");
  const input = staffInput();
  const response = await page.request.post("/api/trpc/staff.create", { data: { json: input } });
  expect(response.status()).toBe(403);
  const body: unknown = await response.json();
  expect(JSON.stringify(body)).toContain("FORBIDDEN");

  const list = await page.request.get(`/api/trpc/staff.list?input=${encodeURIComponent(JSON.stringify({ json: { search: input.email } }))}`);
  expect(list.status()).toBe(403);
});
