import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./ui-helpers";

const DEMO_EXPERIMENT = "Win-back coupon test (demo)";

async function openDemoExperiment(page: Page): Promise<void> {
  await page.goto("/campaigns");
  await page.getByTestId("campaign-row").filter({ hasText: DEMO_EXPERIMENT }).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("campaign-results")).toBeVisible();
}

test("the demo experiment's read-out is on one primary metric, plots each arm's interval, and explains every statistic", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, "manager");
  await openDemoExperiment(page);
  const primary = page.getByTestId("primary-block");
  // The demo experiment's goal is revenue per customer, so that is its primary metric.
  await expect(page.getByTestId("primary-metric")).toContainText("Primary metric: revenue per customer (CN¥)");
  // The interval plot: one row per treatment against control.
  await expect(primary.getByTestId("interval-plot").getByTestId("interval-row").first()).toBeVisible();
  // Every primary column is about revenue: CN¥ on the value and the difference, % on the relative lift.
  const treatment = primary.getByTestId("arms-table").locator('[data-testid="arm-row"]').nth(1);
  await expect(treatment.getByTestId("arm-value")).toContainText("CN¥");
  await expect(treatment.getByTestId("arm-lift")).toContainText(/CN¥.*\[.*CN¥.*, .*CN¥.*\]/);
  // On the small e2e demo a number may be undefined (e.g. control earned nothing): then it says why.
  await expect(treatment.getByTestId("arm-relative")).toContainText(/%|undefined \(.+\)/);
  await expect(treatment.getByTestId("arm-pbeat")).toContainText(/%|undefined \(.+\)/);
  // Statistics explain themselves on hover.
  await expect(primary.getByTestId("arms-table-help-p")).toHaveAttribute("title", /Holm/);
  await expect(primary.getByTestId("arms-table-help-pbeat")).toHaveAttribute("title", /probability/);
  // Conversion is a separate, secondary block in pp; the holdout comparison has its own block.
  const secondary = page.getByTestId("secondary-block");
  await expect(secondary).toContainText("Secondary metric: conversion rate");
  await expect(secondary.getByTestId("secondary-table-conversion").locator('[data-testid="arm-row"]').nth(1).getByTestId("arm-lift")).toContainText("pp");
  await expect(page.getByTestId("holdout-block").getByTestId("holdout-interval-plot")).toBeVisible();
  // Revenue per converter (delta method) is a secondary metric; guardrails have their own block.
  await expect(secondary.getByTestId("secondary-table-arppu")).toBeVisible();
  const guardrails = page.getByTestId("guardrail-block");
  await expect(guardrails.getByTestId("guardrail-table-refund_rate")).toBeVisible();
  await expect(guardrails.getByTestId("guardrail-table-discount_cost")).toBeVisible();
  // The 20% coupon arm costs a discount control does not; on the small browser-test demo its
  // interval may still reach below zero, so the block says in words whether anything worsened.
  await expect(guardrails.getByTestId("guardrail-table-discount_cost").getByRole("row", { name: /20% coupon/ })).toContainText("+CN¥");
  await expect(guardrails).toContainText(/No guardrail worsens significantly|20% coupon/);
  await expect(guardrails.getByTestId("unsubscribe-none")).toContainText("no unsubscribe signal");
  await expect(page.getByTestId("correction-badge")).toHaveText("Correction: Holm");
  // The table fits at 1,440 px: no horizontal scrolling of the primary table.
  const wrap = primary.locator(".table-wrap").first();
  const fits = await wrap.evaluate((element) => element.scrollWidth <= element.clientWidth + 1);
  expect(fits).toBe(true);
  await page.screenshot({ path: "docs/experiment-results-en.png", fullPage: true });

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByTestId("primary-metric")).toContainText("主要指标：人均收入（元）");
  await expect(page.getByTestId("secondary-block")).toContainText("次要指标：转化率");
  await page.screenshot({ path: "docs/experiment-results-zh.png", fullPage: true });
  await page.getByRole("button", { name: "English" }).click();
});

test("the builder offers the read-out options (correction, primary metric, winsorising) with their hover help", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await signIn(page, "marketer");
  await page.goto("/campaigns/new");
  await expect(page.locator("#campaign-correction")).toHaveAttribute("title", /Benjamini–Hochberg/);
  await page.locator("#campaign-correction").selectOption("bh");
  await expect(page.locator("#campaign-correction")).toHaveValue("bh");
  await expect(page.locator("#campaign-primary-metric")).toHaveAttribute("title", /Net revenue/);
  await page.locator("#campaign-primary-metric").selectOption("net_revenue");
  await expect(page.locator("#campaign-winsorise")).toHaveAttribute("title", /percentile/);
  await page.locator("#campaign-winsorise").selectOption("p99");
});
