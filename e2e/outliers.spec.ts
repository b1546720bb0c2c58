import { expect, test } from "@playwright/test";
import { signIn } from "./ui-helpers";

test("the Data page shows the outlier report: a row per numeric feature, money in CN¥, the capped-count chart, in en and zh", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/data");
  const report = page.getByTestId("outlier-report");
  await expect(report.getByRole("heading", { name: "Outlier report" })).toBeVisible();
  const rows = report.getByTestId("outlier-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(5);
  const monetary = report.locator('[data-testid="outlier-row"][data-feature="monetary_cents"]');
  await expect(monetary).toContainText("Monetary (CN¥)");
  await expect(monetary).toContainText(/CN¥|¥/);
  await expect(report.getByRole("columnheader", { name: "99th percentile cap" })).toBeVisible();
  await expect(report.getByTestId("chart-category-bar")).toBeVisible();

  await page.context().addCookies([{ name: "stratum_locale", value: "zh", url: page.url() }]);
  await page.reload();
  await expect(page.getByTestId("outlier-report").getByRole("heading", { name: "异常值报告" })).toBeVisible();
  await expect(page.getByTestId("outlier-report").getByRole("columnheader", { name: "第 99 百分位截断值" })).toBeVisible();
});

test("the training form offers the outlier cap (99th by default) and a run's detail lists the caps it trained with", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/models");
  await page.getByTestId("retrain").click();
  const form = page.getByTestId("train-form");
  const cap = form.getByLabel("Cap outliers");
  await expect(cap).toHaveValue("99");
  await expect(cap.locator("option")).toHaveText(["Off (no capping)", "At the 99th percentile", "At the 95th percentile"]);
  await cap.selectOption("95");
  await expect(cap).toHaveValue("95");

  // The demo's churn model was trained with the default: its detail shows the 99th percentile caps.
  await page.goto("/models");
  await page.getByTestId("run-row-1").getByRole("link", { name: "v1" }).click();
  const caps = page.getByTestId("outlier-caps");
  await expect(caps.getByRole("heading", { name: /99th percentile/ })).toBeVisible();
  await expect(caps.getByTestId("outlier-cap-row").first()).toBeVisible();
});
