import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./ui-helpers";

/** A tRPC mutation over HTTP as the signed-in user (superjson envelope), for setup the UI of this branch lacks. */
async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { result: { data: { json: T } } };
  return body.result.data.json;
}

const segmentName = `Organic learners ${Date.now().toString(36)}`;

test.describe.configure({ mode: "serial" });

test("a marketer sees the overview read-only", async ({ page }) => {
  await signIn(page, "marketer");
  // Setup: a marketer-made segment the manager will filter by.
  const created = await trpcMutation<{ id: string }>(page, "segments.create", {
    name: segmentName,
    definition: { kind: "rule", rule: { kind: "group", combinator: "and", children: [{ kind: "attribute", field: "acquisition_channel", op: "eq", value: "organic" }] } },
  });
  await trpcMutation(page, "segments.refresh", { id: created.id });

  await page.getByTestId("nav-overview").click();
  await expect(page).toHaveURL(/\/overview/);
  await expect(page.getByTestId("kpi-gmv-value")).not.toHaveText("");
  await expect(page.getByTestId("glossary-gmv")).toHaveAttribute("title", /purchase, subscribe and renew/);
  await page.getByTestId("tab-churn").click();
  await expect(page.getByTestId("overview-churn")).toBeVisible();
  await expect(page.getByTestId("winback-form")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Refresh rollups" })).toHaveCount(0);
  // The server refuses the action too, whatever the UI shows.
  const refused = await page.request.post("/api/trpc/kpi.buildWinback", {
    data: { json: { filters: { from: "2025-01-01", to: "2025-01-31" }, size: 5, name: "sneaky" } },
  });
  expect(refused.status()).toBe(403);
});

test("a manager filters by a segment, opens the cohorts and the churn list, and builds a win-back segment", async ({ page }) => {
  await signIn(page, "manager");
  await page.getByTestId("nav-overview").click();
  const gmv = page.getByTestId("kpi-gmv-value");
  await expect(gmv).toHaveText(/¥/);
  const before = await gmv.textContent();
  await expect(page.getByTestId("kpi-payingCustomers-value")).toHaveText(/\d/);

  const select = page.getByTestId("filter-segment");
  const option = select.locator("option", { hasText: segmentName });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute("value")) ?? "");
  await expect(page).toHaveURL(/segment=/);
  await expect(gmv).not.toHaveText(before ?? "");
  const filteredUrl = page.url();

  // The view is shareable: the same URL in a fresh load keeps the segment.
  await page.goto(filteredUrl);
  await expect(page.getByTestId("filter-segment")).not.toHaveValue("");

  await page.getByTestId("tab-cohorts").click();
  await expect(page).toHaveURL(/tab=cohorts/);
  const heatmap = page.getByTestId("cohort-heatmap");
  await expect(heatmap).toBeVisible();
  await expect(page.getByTestId("cohort-average")).toContainText("%");
  await expect(page.getByTestId("overview-ltv")).toBeVisible();

  await page.getByTestId("tab-funnel").click();
  await expect(page.getByTestId("funnel-view")).toBeVisible();

  await page.getByTestId("tab-churn").click();
  await expect(page.getByTestId("overview-churn")).toBeVisible();
  const noModel = page.getByTestId("churn-no-model");
  const table = page.getByTestId("churn-table");
  await expect(noModel.or(table)).toBeVisible();
  if (await noModel.isVisible()) {
    // No churn model trained in this demo: the empty state says who can fix it.
    await expect(noModel).toContainText("an admin can train one on the Models page");
    return;
  }
  await expect(table.locator("tbody tr").first()).toBeVisible();
  const form = page.getByTestId("winback-form");
  await form.getByLabel("Riskiest customers").fill("10");
  await form.getByLabel("Segment name").fill(`Win-back ${Date.now().toString(36)}`);
  await page.getByTestId("winback-submit").click();
  await expect(page.getByText(/created with 10 customers/)).toBeVisible();
});

test("segment, channel and comparison chosen in quick succession all stick; an unknown segment says so", async ({ page }) => {
  await signIn(page, "manager");
  await page.goto("/overview");
  await expect(page.getByTestId("kpi-gmv-value")).toHaveText(/¥/);
  const segment = page.getByTestId("filter-segment");
  const channel = page.getByTestId("filter-channel");
  const segmentValue = await segment.locator("option").nth(1).getAttribute("value");
  const channelValue = await channel.locator("option").nth(1).getAttribute("value");
  // No waiting between the three: each change must build on the one before, not on a stale URL.
  await segment.selectOption(segmentValue ?? "");
  await channel.selectOption(channelValue ?? "");
  await page.getByTestId("filter-compare").selectOption("year");
  await expect(page).toHaveURL(new RegExp(`segment=${segmentValue}`));
  await expect(page).toHaveURL(new RegExp(`channel=${channelValue}`));
  await expect(page).toHaveURL(/compare=year/);

  await page.goto("/overview?segment=00000000-0000-4000-8000-000000000000");
  await expect(page.getByTestId("segment-not-found")).toContainText("Segment not found");
  await expect(page.getByTestId("kpi-gmv-value")).toHaveCount(0);
  await page.getByRole("button", { name: "Show all customers" }).click();
  await expect(page).not.toHaveURL(/segment=/);
  await expect(page.getByTestId("kpi-gmv-value")).toHaveText(/¥/);
});
