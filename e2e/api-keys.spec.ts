import { expect, test, type APIRequestContext } from "@playwright/test";
import { navLinks, signIn } from "./ui-helpers";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

function post(request: APIRequestContext, path: string, key: string, data: string, contentType = "application/json") {
  return request.post(path, { headers: { authorization: `Bearer ${key}`, "content-type": contentType }, data });
}

test("an admin creates a key, sends data with it idempotently, and revoking it locks the API out", async ({ page }) => {
  test.setTimeout(150_000);
  const run = Date.now().toString(36);
  const name = `E2E feed ${run}`;
  await signIn(page, "admin");
  await page.getByTestId("nav-apiKeys").click();
  await expect(page).toHaveURL(/\/data\/api-keys$/);
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();

  const form = page.getByTestId("create-api-key-form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Source").fill(`e2e-${run}`);
  await form.getByRole("button", { name: "Create key" }).click();

  const reveal = page.getByTestId("new-api-key");
  await expect(reveal).toBeVisible();
  await expect(reveal).toContainText("only time the full key is shown");
  const key = await page.getByTestId("new-api-key-value").inputValue();
  expect(key).toMatch(/^stk_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
  await page.getByTestId("copy-api-key").click();
  await expect(page.getByTestId("copy-api-key")).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

  const customers = JSON.stringify([
    { customer_id: `e2e-${run}-a`, display_name: "E2E A", signup_at: "2025-01-01T09:00:00+08:00" },
    { customer_id: `e2e-${run}-b`, city_tier: 1 },
  ]);
  const events = [
    { event_id: `${run}-1`, customer_id: `e2e-${run}-a`, type: "view", occurred_at: "2025-02-01T10:00:00+08:00" },
    { event_id: `${run}-2`, customer_id: `e2e-${run}-b`, type: "purchase", occurred_at: "2025-02-02T10:00:00Z", amount: 99.5 },
  ]
    .map((event) => JSON.stringify(event))
    .join("\n");

  const first = await post(page.request, "/api/v1/customers", key, customers);
  expect(first.status()).toBe(200);
  expect(await first.json()).toEqual({ inserted: 2, duplicates: 0, updated: 0 });
  const sent = await post(page.request, "/api/v1/events", key, events, "application/x-ndjson");
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toEqual({ inserted: 2, duplicates: 0, updated: 0 });

  const again = await post(page.request, "/api/v1/events", key, events, "application/x-ndjson");
  expect(await again.json()).toEqual({ inserted: 0, duplicates: 2, updated: 0 });
  const customersAgain = await post(page.request, "/api/v1/customers", key, customers);
  expect(await customersAgain.json()).toEqual({ inserted: 0, duplicates: 2, updated: 0 });

  await page.getByRole("button", { name: "I have stored the key" }).click();
  await expect(page.getByTestId("new-api-key")).toHaveCount(0);
  await page.reload();
  const row = page.locator(`[data-testid="api-key-row"][data-name="${name}"]`);
  await expect(row).toContainText(key.slice(0, 14));
  await expect(row).toContainText("Active");
  await expect(row).not.toContainText("Never");
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("Revoked");

  const refused = await post(page.request, "/api/v1/events", key, events, "application/x-ndjson");
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: "This API key has been revoked" });
  const noKey = await page.request.post("/api/v1/customers", { headers: { "content-type": "application/json" }, data: customers });
  expect(noKey.status()).toBe(401);

  // The events queued a feature refresh for later; the admin can run it at once.
  await page.goto("/customers");
  await expect(page.getByTestId("feature-refresh-scheduled")).toContainText("A refresh is scheduled");
  await page.getByRole("button", { name: "Refresh features" }).click();
  await expect(page.getByTestId("toast-success")).toContainText(/Features refreshed for \d+ customers/, { timeout: 90_000 });
  await expect(page.getByTestId("feature-refresh-scheduled")).toHaveCount(0);
});

test("a marketer has no API keys page, link or procedure", async ({ page }) => {
  await signIn(page, "marketer");
  await expect(navLinks(page).filter({ hasText: "API keys" })).toHaveCount(0);
  await page.goto("/data/api-keys");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("create-api-key-form")).toHaveCount(0);
  const response = await page.request.post("/api/trpc/apiKeys.create", { data: { json: { name: "sneaky", source: "app" } } });
  expect(response.status()).toBe(403);
});
